using Kasse.Conversations;
using Kasse.Grains.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>
/// Start, join and close store the conversation's state first and then append their event. When the append fails in
/// between, the caller gets an error; its retry must complete the event exactly once, not find "already done" and
/// leave the history without it, nor record it twice when the event did make it. A join follows an accepted chat
/// offer: a failed join is completed by the repeated accept or by the assigned agent opening the conversation.
/// </summary>
public sealed class HalfDoneWriteTests : IAsyncLifetime
{
    private readonly FailingHistory _history = new(new InMemoryConversationHistory());
    private KasseTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KasseTestHost.StartAsync(configure: builder => builder.Services.AddSingleton<IConversationHistory>(_history));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ChatClient> ConnectAsync(string userId, string hub) =>
        await new ChatClient(_host.CreateHubConnection(hub, await _host.SignInAsync(userId))).StartAsync();

    [Fact]
    public async Task A_retried_start_records_the_start_once()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();

        _history.FailNext(ConversationEventKind.Started);
        await Assert.ThrowsAsync<HubException>(() => Start(insured, id));
        await Start(insured, id);
        await Start(insured, id);

        await insured.ResumeAsync(id);
        var started = Assert.Single(insured.Events(id));
        Assert.Equal((ConversationEventKind.Started, 1L), (started.Kind, started.Seq));
        var mine = await insured.Connection.InvokeAsync<IReadOnlyList<ConversationView>>("ListConversations");
        Assert.Contains(id, mine.Select(v => v.ConversationId));
    }

    [Fact]
    public async Task A_join_that_failed_after_the_accept_is_completed_once_when_the_assigned_agent_opens_the_chat()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        await using var agent = await ConnectAsync("agent-mueller", "/hubs/agent");
        using var agentHttp = _host.CreateClient(await _host.SignInAsync("agent-mueller"));
        var id = Guid.NewGuid();
        await Start(insured, id);

        var offer = await ChatTakeOver.OfferOfAsync(agentHttp, id);
        _history.FailNext(ConversationEventKind.AgentJoined);
        using (var failed = await agentHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null))
            Assert.False(failed.IsSuccessStatusCode);
        await Join(agent, id);
        await Join(agent, id);

        await insured.ResumeAsync(id);
        Assert.Equal(
            [ConversationEventKind.Started, ConversationEventKind.AgentJoined],
            insured.Events(id).Select(e => e.Kind).ToArray());
        Assert.Equal("agent-mueller", insured.Events(id)[1].SenderId);
        var assigned = await agent.Connection.InvokeAsync<IReadOnlyList<ConversationView>>("ListConversations");
        Assert.Contains(id, assigned.Select(v => v.ConversationId));
    }

    [Fact]
    public async Task A_join_whose_event_was_stored_before_the_error_is_not_recorded_again_by_the_repeated_accept()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        await using var agent = await ConnectAsync("agent-mueller", "/hubs/agent");
        using var agentHttp = _host.CreateClient(await _host.SignInAsync("agent-mueller"));
        var id = Guid.NewGuid();
        await Start(insured, id);

        // The row commits but the answer is lost: the accept fails, the history holds the join; the agent accepts again.
        var offer = await ChatTakeOver.OfferOfAsync(agentHttp, id);
        _history.FailNext(ConversationEventKind.AgentJoined, afterStoring: true);
        using (var failed = await agentHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null))
            Assert.False(failed.IsSuccessStatusCode);
        using (var again = await agentHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null))
            again.EnsureSuccessStatusCode();
        await Join(agent, id);

        await insured.ResumeAsync(id);
        Assert.Equal(
            [ConversationEventKind.Started, ConversationEventKind.AgentJoined],
            insured.Events(id).Select(e => e.Kind).ToArray());
        var assigned = await agent.Connection.InvokeAsync<IReadOnlyList<ConversationView>>("ListConversations");
        Assert.Contains(id, assigned.Select(v => v.ConversationId));
    }

    [Fact]
    public async Task A_retried_close_records_the_close_once()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();
        await Start(insured, id);

        _history.FailNext(ConversationEventKind.Closed);
        await Assert.ThrowsAsync<HubException>(() => Close(insured, id));
        Assert.Equal(ConversationState.Closed, (await Close(insured, id)).State);
        await Close(insured, id);

        await insured.ResumeAsync(id);
        Assert.Equal(
            [ConversationEventKind.Started, ConversationEventKind.Closed],
            insured.Events(id).Select(e => e.Kind).ToArray());
    }

    private static Task<ConversationView> Start(ChatClient insured, Guid id) =>
        insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Frage zum Beitrag", null);

    private static Task<ConversationView> Join(ChatClient agent, Guid id) =>
        agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);

    private static Task<ConversationView> Close(ChatClient participant, Guid id) =>
        participant.Connection.InvokeAsync<ConversationView>("CloseConversation", id);

    /// <summary>The real in-memory history, except that the next append of one kind fails without storing anything.</summary>
    private sealed class FailingHistory(IConversationHistory inner) : IConversationHistory
    {
        private ConversationEventKind? _failNext;
        private bool _afterStoring;

        /// <summary>The next append of <paramref name="kind"/> fails, before storing or (with
        /// <paramref name="afterStoring"/>) after storing, as when the commit succeeds but its answer is lost.</summary>
        public void FailNext(ConversationEventKind kind, bool afterStoring = false) => (_failNext, _afterStoring) = (kind, afterStoring);

        public async Task<ConversationEvent> AppendAsync(ConversationEvent conversationEvent)
        {
            if (_failNext == conversationEvent.Kind)
            {
                _failNext = null;
                if (_afterStoring)
                    await inner.AppendAsync(conversationEvent);
                throw new IOException("simulated: the database connection broke around the write");
            }
            return await inner.AppendAsync(conversationEvent);
        }

        public Task<IReadOnlyList<ConversationEvent>> ReadAfterAsync(Guid conversationId, long afterSeq, int max) =>
            inner.ReadAfterAsync(conversationId, afterSeq, max);

        public Task<IReadOnlyList<ConversationEvent>> ReadTailAsync(Guid conversationId, int count) => inner.ReadTailAsync(conversationId, count);

        public Task<IReadOnlyList<(string SenderId, string ClientMessageId, long Seq)>> ReadRecentClientIdsAsync(Guid conversationId, int count) =>
            inner.ReadRecentClientIdsAsync(conversationId, count);

        public Task<bool> ContainsAsync(Guid conversationId, ConversationEventKind kind, string? senderId) =>
            inner.ContainsAsync(conversationId, kind, senderId);

        public Task<ConversationEvent?> FindByClientMessageIdAsync(Guid conversationId, string senderId, string clientMessageId) =>
            inner.FindByClientMessageIdAsync(conversationId, senderId, clientMessageId);
    }
}
