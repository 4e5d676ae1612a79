using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Conversations;
using Kasse.Web;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Tests.Chat;

/// <summary>
/// The ack and the pushed event are written by hand on the server (Kasse.Web.Realtime.ConversationEventJson); the
/// clients (portal, workspace, docs/protocol.md) rely on the serializer's shape. Byte for byte the same as the
/// reflection-based serializer with the hub's previous options (SignalR's defaults plus enums by name).
/// </summary>
public sealed class ConversationWireFormatTests
{
    private static readonly Guid Conversation = Guid.Parse("5f0c8a8e-2d7b-4c4e-9a51-0b8f3c7e1d22");
    private static readonly DateTimeOffset At = new(2026, 12, 8, 4, 5, 6, 789, TimeSpan.FromHours(1));

    public static TheoryData<string> Cases() => [.. Samples().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_hub_writes_what_the_reflection_serializer_wrote(string sample)
    {
        var value = Samples()[sample];
        var hub = new JsonHubProtocolOptions().PayloadSerializerOptions;
        WebSetup.ConfigurePayload(hub);
        var reference = new JsonHubProtocolOptions().PayloadSerializerOptions;
        reference.Converters.Add(new JsonStringEnumConverter());

        var written = Write(value, hub);

        Assert.Equal(Write(value, reference), written);
        Assert.Equal(JsonSerializer.Serialize(value, value.GetType(), reference), JsonSerializer.Serialize(value, value.GetType(), hub));
        Assert.Contains("\"conversationId\":\"5f0c8a8e-2d7b-4c4e-9a51-0b8f3c7e1d22\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_reads_the_ack_back_with_its_own_options()
    {
        var hub = new JsonHubProtocolOptions().PayloadSerializerOptions;
        WebSetup.ConfigurePayload(hub);
        var client = new JsonHubProtocolOptions().PayloadSerializerOptions;
        client.Converters.Add(new JsonStringEnumConverter());
        var ack = (PostAck)Samples()["ack"];

        var read = JsonSerializer.Deserialize<PostAck>(Write(ack, hub), client)!;

        Assert.Equal(ack with { Event = null }, read with { Event = null });
        Assert.Equal(ack.Event, read.Event);
    }

    // As SignalR writes an argument or a result: into its own writer, by the value's runtime type.
    private static string Write(object value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Dictionary<string, object> Samples()
    {
        var message = new ConversationEvent(
            Conversation, 42, ConversationEventKind.Message, "A123456780", ParticipantRole.Insured, "Jürgen Müller-Lüdenscheidt",
            "c-1\"\\", "Grüß Gott <b>&</b> 'x' \u2603 \U0001F600\n\ttab", At);
        return new()
        {
            ["event"] = message,
            ["event without client id and text"] = message with { ClientMessageId = null, Text = null, Kind = ConversationEventKind.AgentJoined, SenderRole = ParticipantRole.Agent },
            ["event with attachment"] = message with
            {
                Attachment = new AttachmentInfo(Guid.Parse("0b6f7d0e-1c1a-4f8e-8d0c-5a1e2b3c4d5e"), "Befund Ä.pdf", "application/pdf", 123_456_789),
            },
            ["event of a kind the names do not know"] = message with { Kind = (ConversationEventKind)99, SenderRole = (ParticipantRole)7 },
            ["event of the last kinds"] = message with { Kind = ConversationEventKind.FormProposed, SenderRole = ParticipantRole.Supervisor },
            ["ack"] = new PostAck(Conversation, 42, false, message),
            ["duplicate ack without event"] = new PostAck(Conversation, 7, true),
            ["list of events"] = new List<ConversationEvent> { message, message with { Seq = 43 } },
        };
    }
}
