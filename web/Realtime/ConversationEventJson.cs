using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Conversations;

namespace Kasse.Web.Realtime;

/// <summary>
/// Writes the chat's hot payloads — the <see cref="PostAck"/> of every send and the <see cref="ConversationEvent"/> of
/// every push — straight to the hub protocol's writer. The reflection-based serializer walks a property list per
/// object (the hub's <see cref="JsonStringEnumConverter"/> keeps source generation's fast path out), which was a few
/// percent of the server's CPU per chat message. The output is exactly the serializer's (camelCase names, enums by
/// name, nulls written), checked by <c>Kasse.Tests.Chat.ConversationWireFormatTests</c>; docs/protocol.md is unchanged.
/// The server only writes these types (no hub method takes one), so reading is left to the clients' serializers.
/// </summary>
public static class ConversationEventJson
{
    /// <summary>Adds the writers to the hub protocol's payload options.</summary>
    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new EventWriter());
        options.Converters.Add(new AckWriter());
    }

    private static readonly JsonEncodedText ConversationId = JsonEncodedText.Encode("conversationId");
    private static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText SenderId = JsonEncodedText.Encode("senderId");
    private static readonly JsonEncodedText SenderRole = JsonEncodedText.Encode("senderRole");
    private static readonly JsonEncodedText SenderName = JsonEncodedText.Encode("senderName");
    private static readonly JsonEncodedText ClientMessageId = JsonEncodedText.Encode("clientMessageId");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText Attachment = JsonEncodedText.Encode("attachment");
    private static readonly JsonEncodedText AttachmentId = JsonEncodedText.Encode("attachmentId");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("fileName");
    private static readonly JsonEncodedText ContentType = JsonEncodedText.Encode("contentType");
    private static readonly JsonEncodedText Size = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText Duplicate = JsonEncodedText.Encode("duplicate");
    private static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");

    private static readonly Dictionary<ConversationEventKind, JsonEncodedText> KindNames = Names<ConversationEventKind>();
    private static readonly Dictionary<ParticipantRole, JsonEncodedText> RoleNames = Names<ParticipantRole>();

    private static Dictionary<T, JsonEncodedText> Names<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v, v => JsonEncodedText.Encode(v.ToString()));

    // As JsonStringEnumConverter: a named value by its name, any other value as its number.
    private static void WriteEnum<T>(Utf8JsonWriter writer, JsonEncodedText name, T value, Dictionary<T, JsonEncodedText> names)
        where T : struct, Enum
    {
        if (names.TryGetValue(value, out var text))
            writer.WriteString(name, text);
        else
            writer.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteEvent(Utf8JsonWriter writer, ConversationEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString(ConversationId, e.ConversationId);
        writer.WriteNumber(Seq, e.Seq);
        WriteEnum(writer, Kind, e.Kind, KindNames);
        writer.WriteString(SenderId, e.SenderId);
        WriteEnum(writer, SenderRole, e.SenderRole, RoleNames);
        writer.WriteString(SenderName, e.SenderName);
        writer.WriteString(ClientMessageId, e.ClientMessageId);
        writer.WriteString(Text, e.Text);
        writer.WriteString(At, e.At);
        if (e.Attachment is { } a)
        {
            writer.WriteStartObject(Attachment);
            writer.WriteString(AttachmentId, a.AttachmentId);
            writer.WriteString(FileName, a.FileName);
            writer.WriteString(ContentType, a.ContentType);
            writer.WriteNumber(Size, a.Size);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Attachment);
        }
        writer.WriteEndObject();
    }

    private sealed class EventWriter : JsonConverter<ConversationEvent>
    {
        public override ConversationEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The server writes conversation events; it never reads one.");

        public override void Write(Utf8JsonWriter writer, ConversationEvent value, JsonSerializerOptions options) =>
            WriteEvent(writer, value);
    }

    private sealed class AckWriter : JsonConverter<PostAck>
    {
        public override PostAck Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The server writes acks; it never reads one.");

        public override void Write(Utf8JsonWriter writer, PostAck value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString(ConversationId, value.ConversationId);
            writer.WriteNumber(Seq, value.Seq);
            writer.WriteBoolean(Duplicate, value.Duplicate);
            if (value.Event is { } e)
            {
                writer.WritePropertyName(Event);
                WriteEvent(writer, e);
            }
            else
            {
                writer.WriteNull(Event);
            }
            writer.WriteEndObject();
        }
    }
}
