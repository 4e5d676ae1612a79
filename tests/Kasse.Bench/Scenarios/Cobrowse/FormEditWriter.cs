using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Forms;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// Writes the bench's <see cref="FormEdit"/> arguments straight to JSON (the value as raw JSON, as the protocol takes
/// it), without the reflection serializer's walk over the record per edit.
/// </summary>
public sealed class FormEditWriter : JsonConverter<FormEdit>
{
    public override FormEdit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("the bench only writes edits");

    public override void Write(Utf8JsonWriter writer, FormEdit value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("operationId"u8, value.OperationId);
        writer.WriteString("path"u8, value.Path);
        writer.WritePropertyName("value"u8);
        if (value.Value is null)
            writer.WriteNullValue();
        else
            writer.WriteRawValue(value.Value, skipInputValidation: true);
        writer.WriteNumber("baseVersion"u8, value.BaseVersion);
        writer.WriteString("kind"u8, value.Kind switch
        {
            FormEditKind.Set => "Set",
            FormEditKind.AddRow => "AddRow",
            _ => "RemoveRow",
        });
        writer.WriteBoolean("answerWithChange"u8, value.AnswerWithChange);
        writer.WriteEndObject();
    }
}
