using Kasse.Conversations;
using Kasse.Grains.Audit;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>Live chat between an insured person and an agent through the real hubs of one embedded host.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ChatTests(EmbeddedHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private KasseTestHost Host => fixture.Host;

    private async Task<ChatClient> ConnectAsync(string userId, string hub) =>
        await new ChatClient(Host.CreateHubConnection(hub, await Host.SignInAsync(userId))).StartAsync();

    [Fact]
    public async Task Insured_and_agent_chat_both_ways_with_sequenced_events()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        await using var agent = await ConnectAsync("agent-mueller", "/hubs/agent");
        var id = Guid.NewGuid();

        var started = await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Frage zum Beitrag", null);
        Assert.Equal(ConversationState.Open, started.State);
        var question = await insured.SendAsync(id, "c-1", "Guten Tag, ich habe eine Frage.");
        Assert.Equal(2, question.Seq);
        Assert.Equal(ConversationState.Waiting, (await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id)).State);

        await Host.TakeOverChatAsync("agent-mueller", id);
        var joined = await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        Assert.Equal(ConversationState.Active, joined.State);
        await agent.ResumeAsync(id);
        Assert.Equal("Guten Tag, ich habe eine Frage.", agent.Events(id).Single(e => e.Seq == 2).Text);

        var answer = await agent.Connection.InvokeAsync<PostAck>("SendMessage", id, "a-1", "Gern, worum geht es?");
        await insured.WaitForSeqAsync(id, answer.Seq, Wait);
        var received = insured.Events(id).Single(e => e.Seq == answer.Seq);
        Assert.Equal(ConversationEventKind.Message, received.Kind);
        Assert.Equal("agent-mueller", received.SenderId);
        await using var secondTab = await ConnectAsync("A123456780", "/hubs/customer");
        var echoed = await SendAndReceive(insured, agent, id, "c-2", "<b>Gern</b>");
        Assert.Equal("<b>Gern</b>", echoed.Text);
        // The writer's other connection (a second tab) gets its own message by push.
        await secondTab.WaitForSeqAsync(id, echoed.Seq, Wait);

        // The sender has its own message from the ack, so its view has no gap; the agent got it by push.
        Assert.Equal([1L, 2, 3, 4, 5], insured.Events(id).Select(e => e.Seq).ToArray());
        Assert.Equal(echoed, insured.Events(id).Single(e => e.Seq == 5));
    }

    private static async Task<ConversationEvent> SendAndReceive(ChatClient from, ChatClient to, Guid id, string clientId, string text)
    {
        var ack = await from.SendAsync(id, clientId, text);
        await to.WaitForSeqAsync(id, ack.Seq, Wait);
        return to.Events(id).Single(e => e.Seq == ack.Seq);
    }

    [Fact]
    public async Task Reopened_portal_and_agent_desktop_list_their_conversations_newest_first()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await using (var insured = await ConnectAsync("T012345678", "/hubs/customer"))
        {
            await insured.Connection.InvokeAsync<ConversationView>("StartConversation", first, "Erstes Anliegen", null);
            await insured.Connection.InvokeAsync<ConversationView>("StartConversation", second, "Zweites Anliegen", "V2026000001");
        }
        await using (var agent = await ConnectAsync("agent-schulz", "/hubs/agent"))
        {
            await Host.TakeOverChatAsync("agent-schulz", first);
            await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", first);
        }

        await using var reopened = await ConnectAsync("T012345678", "/hubs/customer");
        var mine = await reopened.Connection.InvokeAsync<IReadOnlyList<ConversationView>>("ListConversations");
        Assert.Equal([second, first], mine.Take(2).Select(v => v.ConversationId));
        Assert.Equal("V2026000001", mine[0].CaseReference);
        await using var agentAgain = await ConnectAsync("agent-schulz", "/hubs/agent");
        var joined = await agentAgain.Connection.InvokeAsync<IReadOnlyList<ConversationView>>("ListConversations");
        Assert.Equal(first, joined[0].ConversationId);
        Assert.Equal(ConversationState.Active, joined[0].State);
    }

    [Fact]
    public async Task Retried_message_with_the_same_client_id_is_stored_once()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Adressänderung", null);
        // A retried start is idempotent too.
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Adressänderung", null);

        var first = await insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "m-1", "Ich bin umgezogen.");
        var retry = await insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "m-1", "Ich bin umgezogen.");

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Seq, retry.Seq);
        await insured.ResumeAsync(id);
        Assert.Single(insured.Events(id), e => e.Kind == ConversationEventKind.Message);
    }

    [Fact]
    public async Task Reconnecting_client_receives_exactly_what_it_missed_in_order()
    {
        var id = Guid.NewGuid();
        await using var agent = await ConnectAsync("agent-schulz", "/hubs/agent");
        long lastSeenByInsured;
        await using (var insured = await ConnectAsync("Z987654321", "/hubs/customer"))
        {
            await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Bonusprogramm", null);
            await Host.TakeOverChatAsync("agent-schulz", id);
            await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
            var ack = await agent.Connection.InvokeAsync<PostAck>("SendMessage", id, "a-0", "Willkommen!");
            await insured.WaitForSeqAsync(id, ack.Seq, Wait);
            lastSeenByInsured = ack.Seq;
        }

        // While the insured is away, the agent writes on.
        for (var i = 1; i <= 15; i++)
            await agent.Connection.InvokeAsync<PostAck>("SendMessage", id, $"a-{i}", $"Nachricht {i}");

        await using var back = await ConnectAsync("Z987654321", "/hubs/customer");
        var missed = await back.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, lastSeenByInsured);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"Nachricht {i}"), missed.Select(e => e.Text));
        Assert.Equal(Enumerable.Range((int)lastSeenByInsured + 1, 15).Select(i => (long)i), missed.Select(e => e.Seq));
    }

    [Theory]
    [InlineData("", "MESSAGE_EMPTY")]
    [InlineData("   ", "MESSAGE_EMPTY")]
    [InlineData("Hallo\0Welt", "MESSAGE_INVALID_CHARACTERS")]
    [InlineData(null, "MESSAGE_TOO_LONG")]
    public async Task Bad_message_gets_a_coded_error_and_changes_nothing(string? text, string code)
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Test", null);
        var error = await Assert.ThrowsAsync<HubException>(() =>
            insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "x-1", text ?? new string('ä', ConversationErrors.MaxMessageLength + 1)));
        Assert.Equal(code, error.Code());
        var view = await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id);
        Assert.Equal(1, view.LastSeq);
    }

    [Fact]
    public async Task Malformed_payloads_are_refused_and_the_connection_stays_usable()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Test", null);

        // Wrong types, missing arguments, an empty id: refused before anything reaches the conversation, with the
        // text docs/realtime-api.md names (SignalR binds the arguments before any filter could give it a code).
        const string Malformed = "Failed to invoke 'SendMessage' due to an error on the server.";
        var wrongType = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", "keine-guid", "m-1", "Hallo"));
        var missing = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "m-2"));
        var nested = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, new { nested = true }, 42));
        Assert.All([wrongType, missing, nested], e => Assert.Equal(Malformed, e.Message));
        Assert.Contains(Malformed.Replace("SendMessage", "…", StringComparison.Ordinal),
            await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "realtime-api.md")), StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", Guid.Empty, "m-3", "Hallo"));
        var noId = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "", "Hallo"));
        Assert.Equal("INVALID_INPUT", empty.Code());
        Assert.Equal("CLIENT_MESSAGE_ID_INVALID", noId.Code());

        Assert.Equal(HubConnectionState.Connected, insured.Connection.State);
        var ack = await insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "m-4", "Jetzt aber richtig.");
        Assert.Equal(2, ack.Seq);
    }

    [Fact]
    public async Task Insured_person_cannot_touch_another_persons_or_an_unknown_conversation()
    {
        await using var owner = await ConnectAsync("A123456780", "/hubs/customer");
        await using var stranger = await ConnectAsync("T012345678", "/hubs/customer");
        var id = Guid.NewGuid();
        await owner.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Privat", null);

        var read = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, 0L));
        var write = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<PostAck>("SendMessage", id, "s-1", "Hallo"));
        var hijack = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Meins", null));
        var unknown = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<ConversationView>("GetConversation", Guid.NewGuid()));

        Assert.Equal("CONVERSATION_FORBIDDEN", read.Code());
        Assert.Equal("CONVERSATION_FORBIDDEN", write.Code());
        Assert.Equal("CONVERSATION_FORBIDDEN", hijack.Code());
        Assert.Equal("CONVERSATION_NOT_FOUND", unknown.Code());
        Assert.Equal(1, (await owner.Connection.InvokeAsync<ConversationView>("GetConversation", id)).LastSeq);
    }

    [Fact]
    public async Task Agent_reads_only_joined_conversations_and_every_read_is_audited()
    {
        await using var insured = await ConnectAsync("T012345678", "/hubs/customer");
        await using var agent = await ConnectAsync("agent-schulz", "/hubs/agent");
        await using var supervisor = await ConnectAsync("supervisor-fischer", "/hubs/agent");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Krankengeld", null);

        var notJoined = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, 0L));
        Assert.Equal("CONVERSATION_FORBIDDEN", notJoined.Code());
        await supervisor.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, 0L);
        var notAssigned = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id));
        Assert.Equal("CONVERSATION_NOT_ASSIGNED", notAssigned.Code());
        await Host.TakeOverChatAsync("agent-schulz", id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        await agent.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, 0L);

        var audit = await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("conversation", id.ToString(), 100);
        Assert.Contains(audit, a => a.ActorId == "supervisor-fischer" && a.Action == "conversation.read" && a.InsuredId == "T012345678");
        Assert.Contains(audit, a => a.ActorId == "agent-schulz" && a.Action == "conversation.join");
        Assert.Contains(audit, a => a.ActorId == "agent-schulz" && a.Action == "conversation.refused");
        Assert.Contains(audit, a => a.ActorId == "agent-schulz" && a.Action == "conversation.read");
        Assert.DoesNotContain(audit, a => a.ActorId == "T012345678");
    }

    [Fact]
    public async Task Read_receipts_record_only_progress()
    {
        await using var insured = await ConnectAsync("Z987654321", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Quittungen", null);
        await insured.SendAsync(id, "q-1", "Eins");
        await insured.Connection.InvokeAsync("MarkRead", id, 2L);
        await insured.Connection.InvokeAsync("MarkRead", id, 2L);
        await insured.Connection.InvokeAsync("MarkRead", id, 1L);

        var events = await insured.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, 0L);
        Assert.Equal([ConversationEventKind.Started, ConversationEventKind.Message, ConversationEventKind.Read], events.Select(e => e.Kind));
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(99L)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public async Task A_read_receipt_for_a_seq_the_conversation_does_not_have_is_refused_as_out_of_range(long seq)
    {
        await using var insured = await ConnectAsync("Z987654321", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Quittungen", null);
        await insured.SendAsync(id, "o-1", "Eins");

        var refused = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync("MarkRead", id, seq));

        Assert.Equal("SEQ_OUT_OF_RANGE", refused.Code());
        Assert.Equal(2, (await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id)).LastSeq);
    }

    [Fact]
    public async Task The_writing_connection_gets_its_message_from_the_ack_and_no_push_of_it()
    {
        await using var insured = await ConnectAsync("T012345678", "/hubs/customer");
        await using var secondTab = await ConnectAsync("T012345678", "/hubs/customer");
        await using var agent = await ConnectAsync("agent-schulz", "/hubs/agent");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Zwei Fenster", null);
        await Host.TakeOverChatAsync("agent-schulz", id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);

        var own = await insured.SendAsync(id, "w-1", "Aus dem ersten Fenster");
        await secondTab.WaitForSeqAsync(id, own.Seq, Wait);
        await agent.WaitForSeqAsync(id, own.Seq, Wait);
        // Pushes to one connection go out in order, so once the agent's later answer is there, the own one would be too.
        var answer = await agent.SendAsync(id, "w-2", "Angekommen");
        await insured.WaitForSeqAsync(id, answer.Seq, Wait);

        Assert.DoesNotContain(insured.Pushes, e => e.ConversationId == id && e.Seq == own.Seq);
        Assert.Contains(secondTab.Pushes, e => e.ConversationId == id && e.Seq == own.Seq);
        Assert.Equal(own.Event, insured.Events(id).Single(e => e.Seq == own.Seq));
    }

    [Fact]
    public async Task Typing_reaches_the_other_side_and_closing_refuses_further_messages()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        await using var agent = await ConnectAsync("agent-mueller", "/hubs/agent");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Familienversicherung", null);
        await Host.TakeOverChatAsync("agent-mueller", id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);

        await agent.Connection.InvokeAsync("Typing", id);
        await insured.WaitForAsync(c => c.TypingNotices.Any(t => t.ConversationId == id && t.UserId == "agent-mueller"), Wait, "typing notice");

        var closed = await agent.Connection.InvokeAsync<ConversationView>("CloseConversation", id);
        Assert.Equal(ConversationState.Closed, closed.State);
        await insured.WaitForSeqAsync(id, closed.LastSeq, Wait);
        Assert.Equal(ConversationEventKind.Closed, insured.Events(id).Last().Kind);
        var refused = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "late", "Noch etwas"));
        Assert.Equal("CONVERSATION_CLOSED", refused.Code());
    }

    [Fact]
    public async Task Too_many_messages_per_second_from_one_connection_are_refused()
    {
        await using var insured = await ConnectAsync("Z987654321", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Flut", null);
        var sends = Enumerable.Range(0, 60).Select(i => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, $"f-{i}", $"Nachricht {i}")).ToArray();
        var outcomes = await Task.WhenAll(sends.Select(async s =>
        {
            try
            {
                await s;
                return "ok";
            }
            catch (HubException e)
            {
                return e.Code();
            }
        }));
        Assert.Contains("RATE_LIMITED", outcomes);
        var accepted = outcomes.Count(o => o == "ok");
        var view = await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id);
        Assert.Equal(1 + accepted, view.LastSeq);
    }
}
