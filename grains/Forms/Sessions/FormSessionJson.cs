using System.Text.Json;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// How the session's event bodies are written to PostgreSQL (jsonb). Every accepted edit writes one, so the body goes
/// through source-generated metadata (<see cref="FormSessionJsonContext"/>, web defaults as before).
/// </summary>
public static class FormSessionJson
{
    public static string Write(FormSessionChange change) => JsonSerializer.Serialize(change, FormSessionJsonContext.Default.FormSessionChange);

    public static FormSessionChange ReadChange(string json) =>
        JsonSerializer.Deserialize(json, FormSessionJsonContext.Default.FormSessionChange) ?? throw new InvalidOperationException("empty form session event body");

    /// <summary>An event body's <c>result</c> alone (what the log's tail gives for remembered operations); null when there is none.</summary>
    public static FieldState? ReadResult(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, FormSessionJsonContext.Default.FieldState);
}
