using Kasse.Forms;

namespace Kasse.Tests.Forms.Wire;

/// <summary>Reading a form view state in tests.</summary>
public static class FormStates
{
    public static FieldState Field(this FormViewState state, string path) => state.Fields.Single(f => f.Path == path);

    /// <summary>The field's value as raw JSON, or null.</summary>
    public static string? ValueOf(this FormViewState state, string path) => state.Field(path).Value;

    /// <summary>A JSON string value as the protocol carries it.</summary>
    public static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, Relaxed);

    /// <summary>The text of a JSON string value (escapes resolved), or null.</summary>
    public static string? TextOf(this FormViewState state, string path) =>
        state.ValueOf(path) is { } json ? System.Text.Json.JsonSerializer.Deserialize<string>(json) : null;

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
