using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kasse.Forms;

/// <summary>
/// Writes a string that already holds JSON as JSON (not as a quoted string), and reads any JSON value back into its raw
/// text. Grains pass field values and definition documents as raw JSON text; clients see plain JSON values.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteRawValue(value, skipInputValidation: false);
    }
}
