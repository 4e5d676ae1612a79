using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Forms;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// Reads an <c>EditForm</c> answer into an <see cref="EditAnswerProbe"/> without building the whole
/// <see cref="FormEditResult"/> (its field's error texts, writer and flags are skipped); the change goes through the
/// push probe.
/// </summary>
public sealed class EditAnswerProbeConverter(FormStateProbeConverter changes) : JsonConverter<EditAnswerProbe>
{
    public override EditAnswerProbe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("EditForm answer: object expected");
        var status = (FormEditStatus)(-1);
        long version = 0, seq = 0;
        FormStateProbe? change = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.ValueTextEquals("Applied"u8) ? FormEditStatus.Applied
                    : reader.ValueTextEquals("Conflict"u8) ? FormEditStatus.Conflict
                    : reader.ValueTextEquals("Duplicate"u8) ? FormEditStatus.Duplicate
                    : throw new JsonException($"EditForm answer: unknown status {reader.GetString()}");
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                seq = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("field"u8))
            {
                reader.Read();
                version = FieldVersion(ref reader);
            }
            else if (reader.ValueTextEquals("change"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                    change = changes.Read(ref reader, typeof(FormStateProbe), options);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!Enum.IsDefined(status))
            throw new JsonException("EditForm answer without a status");
        return new EditAnswerProbe(status, version, seq, change);
    }

    public override void Write(Utf8JsonWriter writer, EditAnswerProbe value, JsonSerializerOptions options) =>
        throw new NotSupportedException("the bench only reads edit answers");

    private static long FieldVersion(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("EditForm answer: field object expected");
        long version = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                version = reader.GetInt64();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return version;
    }
}
