using System.Text.Json;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>How the session's event bodies and submitted answers are written to PostgreSQL (jsonb).</summary>
public static class FormSessionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write(FormSessionChange change) => JsonSerializer.Serialize(change, Options);

    public static FormSessionChange ReadChange(string json) =>
        JsonSerializer.Deserialize<FormSessionChange>(json, Options) ?? throw new InvalidOperationException("empty form session event body");
}
