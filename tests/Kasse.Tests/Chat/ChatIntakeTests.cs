using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Conversations;
using Kasse.Grains.Inbox;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>
/// The chat as intake: a started chat creates its own work item, and only the agent who accepted it takes part. A host
/// of its own, so no chat of another test stands in the queue before these.
/// </summary>
public sealed class ChatIntakeTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly FlakyWorkItemHistory _history = new(new InMemoryWorkItemHistory());
    private KasseTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KasseTestHost.StartAsync(configure: builder => builder.Services.AddSingleton<IWorkItemHistory>(_history));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ChatClient> ConnectAsync(string userId, string hub) =>
        await new ChatClient(_host.CreateHubConnection(hub, await _host.SignInAsync(userId))).StartAsync();

    private async Task<HttpClient> HttpAsync(string userId) => _host.CreateClient(await _host.SignInAsync(userId));

    private static Task<ConversationView> Start(ChatClient insured, Guid id) =>
        insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Frage zum Beitrag", null);

    [Fact]
    public async Task A_started_chat_creates_one_work_item_with_the_chat_priority_and_its_conversation_even_when_started_twice()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        using var integrator = await HttpAsync("integrator-kernsystem");
        var id = Guid.NewGuid();

        var started = await Start(insured, id);
        await Start(insured, id);

        var item = await ReadAsync<WorkItemView>(await integrator.GetAsync($"/api/integration/work-items/chat/{id}"));
        Assert.Equal(($"chat:{id}", WorkChannel.Chat, id, id.ToString()), (item.Id, item.Channel, item.ConversationId, item.Reference));
        Assert.Equal(WorkItemStatus.Queued, item.Status);
        Assert.Equal(1, item.Priority); // routing.priority: a chat is answered now
        Assert.Equal(item.CreatedAt + TimeSpan.FromMinutes(2), item.SlaDeadline); // the chat channel's service level
        Assert.Contains("chat", item.RequiredSkills);
        Assert.StartsWith("c-", item.CustomerKey, StringComparison.Ordinal); // the pseudonym, never the KVNR
        Assert.Equal("Frage zum Beitrag", item.Topic);
        Assert.True(item.CreatedAt >= started.StartedAt);
        var history = await _history.ReadItemAsync(item.Id);
        Assert.Single(history, e => e.Kind == WorkItemEventKind.Created);
    }

    [Fact]
    public async Task A_start_whose_work_item_failed_is_completed_by_the_retried_start()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();

        // The conversation is stored, then creating its item fails: the start fails and the client retries it.
        _history.FailNextAppend();
        await Assert.ThrowsAsync<HubException>(() => Start(insured, id));
        await Start(insured, id);

        var item = await _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IWorkItemGrain>($"chat:{id}").GetView();
        Assert.NotNull(item);
        Assert.Equal(WorkItemStatus.Queued, item.Status);
        var history = await _history.ReadItemAsync(item.Id);
        Assert.Equal([WorkItemEventKind.Created, WorkItemEventKind.Queued], history.Select(e => e.Kind).ToArray());
    }

    [Fact]
    public async Task Only_the_agent_who_accepted_the_chat_takes_part_and_the_customer_sees_one_takeover_note()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        await using var assignee = await ConnectAsync("agent-mueller", "/hubs/agent");
        await using var colleague = await ConnectAsync("agent-schulz", "/hubs/agent");
        await using var withoutChat = await ConnectAsync("agent-kaya", "/hubs/agent");
        using var assigneeHttp = await HttpAsync("agent-mueller");
        using var withoutChatHttp = await HttpAsync("agent-kaya");
        var id = Guid.NewGuid();
        await Start(insured, id);
        await insured.SendAsync(id, "c-1", "Guten Tag");

        // Nobody may open the chat by its number before it is assigned.
        var early = await Assert.ThrowsAsync<HubException>(() => colleague.Connection.InvokeAsync<ConversationView>("JoinConversation", id));
        Assert.Equal("CONVERSATION_NOT_ASSIGNED", early.Code());

        // An agent without the chat skill is available first, but the chat is offered to the one who chats.
        (await withoutChatHttp.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }, Json)).Dispose();
        var offer = await ChatTakeOver.OfferOfAsync(assigneeHttp, id);
        var accepted = await ReadAsync<WorkItemView>(await assigneeHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null));
        Assert.Equal((WorkItemStatus.Assigned, "agent-mueller", (Guid?)id), (accepted.Status, accepted.AgentId, accepted.ConversationId));
        // Accepting joined the agent already: the conversation is active without any call by id.
        Assert.Contains("agent-mueller", (await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id)).AgentIds);
        await insured.WaitForAsync(c => c.Events(id).Any(e => e.Kind == ConversationEventKind.AgentJoined), Wait, "the takeover note");

        // The second agent (with the skill, or without) cannot take over the held chat: not by id, not by accepting.
        var byColleague = await Assert.ThrowsAsync<HubException>(() => colleague.Connection.InvokeAsync<ConversationView>("JoinConversation", id));
        Assert.Equal("CONVERSATION_NOT_ASSIGNED", byColleague.Code());
        var byWithoutChat = await Assert.ThrowsAsync<HubException>(() => withoutChat.Connection.InvokeAsync<ConversationView>("JoinConversation", id));
        Assert.Equal("CONVERSATION_NOT_ASSIGNED", byWithoutChat.Code());
        var write = await Assert.ThrowsAsync<HubException>(() => colleague.Connection.InvokeAsync<PostAck>("SendMessage", id, "x-1", "Ich übernehme."));
        Assert.Equal("CONVERSATION_FORBIDDEN", write.Code());
        using (var colleagueHttp = await HttpAsync("agent-schulz"))
        using (var stolen = await colleagueHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null))
            Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);
        Assert.DoesNotContain(
            (await ReadAsync<AgentDeskView>(await withoutChatHttp.GetAsync("/api/agent/desk"))).Offers, o => o.ItemId == $"chat:{id}");

        // The assignee opens it (again and again) and accepts again: still one note.
        await assignee.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        var opened = await assignee.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        Assert.Equal(ConversationState.Active, opened.State);
        (await assigneeHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null)).Dispose();
        var ack = await assignee.SendAsync(id, "a-1", "Gern, worum geht es?");
        await insured.WaitForSeqAsync(id, ack.Seq, Wait);

        await insured.ResumeAsync(id);
        var note = Assert.Single(insured.Events(id), e => e.Kind == ConversationEventKind.AgentJoined);
        Assert.Equal(("agent-mueller", "Sabine Müller"), (note.SenderId, note.SenderName));
        Assert.Single(insured.Pushes, e => e.ConversationId == id && e.Kind == ConversationEventKind.AgentJoined);
        Assert.Equal(["agent-mueller"], opened.AgentIds);
    }

    [Fact]
    public async Task A_chat_handed_on_to_a_colleague_takes_the_conversation_with_it_and_the_first_agent_leaves()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        await using var first = await ConnectAsync("agent-mueller", "/hubs/agent");
        using var firstHttp = await HttpAsync("agent-mueller");
        using var colleagueHttp = await HttpAsync("agent-schulz");
        var id = Guid.NewGuid();
        await Start(insured, id);
        var offer = await ChatTakeOver.OfferOfAsync(firstHttp, id);
        (await firstHttp.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null)).Dispose();
        (await colleagueHttp.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }, Json)).Dispose();

        using (var handedOn = await firstHttp.PostAsJsonAsync(
            $"/api/agent/work-items/chat:{id}/transfer", new { toAgentId = "agent-schulz", toTeam = (string?)null, note = "Bitte übernehmen" }, Json))
            Assert.True(handedOn.IsSuccessStatusCode, await handedOn.Content.ReadAsStringAsync());
        var colleagueOffer = await ChatTakeOver.OfferOfAsync(colleagueHttp, id);
        var accepted = await ReadAsync<WorkItemView>(await colleagueHttp.PostAsync($"/api/agent/offers/{colleagueOffer.OfferId}/accept", null));
        Assert.Equal("agent-schulz", accepted.AgentId);

        // The customer sees the first agent leave and the colleague take over; only the colleague takes part now.
        await insured.WaitForAsync(
            c => c.Events(id).Any(e => e.Kind == ConversationEventKind.AgentJoined && e.SenderId == "agent-schulz"), Wait, "the colleague's takeover");
        var left = Assert.Single(insured.Events(id), e => e.Kind == ConversationEventKind.AgentLeft);
        Assert.Equal("agent-mueller", left.SenderId);
        Assert.Equal(["agent-schulz"], (await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id)).AgentIds);
        var reopened = await Assert.ThrowsAsync<HubException>(() => first.Connection.InvokeAsync<ConversationView>("JoinConversation", id));
        Assert.Equal("CONVERSATION_NOT_ASSIGNED", reopened.Code());
        var write = await Assert.ThrowsAsync<HubException>(() => first.Connection.InvokeAsync<PostAck>("SendMessage", id, "m-9", "Noch da?"));
        Assert.Equal("CONVERSATION_FORBIDDEN", write.Code());
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }
    }
}
