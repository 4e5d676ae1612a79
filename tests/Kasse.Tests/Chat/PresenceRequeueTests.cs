using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Conversations;
using Kasse.Grains.Inbox;
using Kasse.Inbox;
using Kasse.Tests.Inbox;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>
/// Presence follows connections: an agent whose last hub connection is gone for the grace period becomes offline, its
/// chats go back to the queue with the agent recorded (the customer sees the agent leave), its other work stays. Once
/// on the embedded default (memory) and once on PostgreSQL (grain state, history, reminders), each on a host of its own
/// with a grace period of one second.
/// </summary>
public sealed class PresenceRequeueTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly RoutingOptions ShortGrace = new()
    {
        PresenceGrace = TimeSpan.FromSeconds(1),
        PresenceCheckInterval = TimeSpan.FromMilliseconds(200),
    };

    private static Task<KasseTestHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        KasseTestHost.StartAsync(settings: settings, configure: builder => builder.Services.AddSingleton(ShortGrace));

    [Fact]
    public async Task A_disconnected_agents_chat_returns_to_the_queue_after_the_grace_with_the_agent_recorded_and_its_email_stays()
    {
        await using var host = await StartAsync();
        await RequeueOnDisconnectAsync(host);
    }

    [Fact]
    public async Task A_disconnected_agents_chat_returns_to_the_queue_in_the_postgresql_configuration()
    {
        var postgres = await PostgresServer.SharedAsync();
        await using var host = await StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("presence"),
            ["Orleans:ClusterId"] = $"presence-{Guid.NewGuid():N}",
            ["Auth:DevelopmentSigningKey"] = SiloProcess.ClusterSigningKey,
        });
        await RequeueOnDisconnectAsync(host);
    }

    [Fact]
    public async Task A_connection_on_a_gateway_the_cluster_no_longer_lists_is_dropped_and_the_agent_goes_offline()
    {
        await using var host = await StartAsync();
        using var agentHttp = host.CreateClient(await host.SignInAsync("agent-kaya"));
        (await agentHttp.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }, Json)).Dispose();
        var desk = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAgentDeskGrain>("agent-kaya");

        // A gateway that died never reports its connections closed: here, one on a silo the cluster never had.
        var deadGateway = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1);
        await desk.Connected("lost-connection", deadGateway);

        var offline = await desk.UntilAsync(v => v.Presence == AgentPresence.Offline, TestTimeouts.ForEvent(Wait), "offline after the dead gateway");
        Assert.Equal(AgentPresence.Offline, offline.Presence);
    }

    private static async Task RequeueOnDisconnectAsync(KasseTestHost host)
    {
        await using var insured = await new ChatClient(host.CreateHubConnection("/hubs/customer", await host.SignInAsync("A123456780"))).StartAsync();
        var agent = await new ChatClient(host.CreateHubConnection("/hubs/agent", await host.SignInAsync("agent-mueller"))).StartAsync();
        using var agentHttp = host.CreateClient(await host.SignInAsync("agent-mueller"));
        using var integrator = host.CreateClient(await host.SignInAsync("integrator-kernsystem"));
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Frage zum Beitrag", null);

        // The agent takes the chat and a workflow item of its team.
        var chatOffer = await ChatTakeOver.OfferOfAsync(agentHttp, id);
        await ReadAsync<WorkItemView>(await agentHttp.PostAsync($"/api/agent/offers/{chatOffer.OfferId}/accept", null));
        var caseId = "wf-" + Guid.NewGuid().ToString("N");
        var workflow = await ReadAsync<WorkItemView>(await integrator.PutAsJsonAsync(
            $"/api/integration/work-items/workflow/{caseId}", new { topic = "Beitragsbescheid prüfen", team = "Team Nord" }, Json));
        var desk = grains.GetGrain<IAgentDeskGrain>("agent-mueller");
        var caseOffer = await desk.OfferOfAsync(workflow.Id, TestTimeouts.ForEvent(Wait));
        await desk.Accept(caseOffer.OfferId);
        await insured.WaitForAsync(c => c.Events(id).Any(e => e.Kind == ConversationEventKind.AgentJoined), Wait, "the takeover note");

        // The agent's only connection closes (the browser tab is gone) and does not come back.
        await agent.DisposeAsync();

        var offline = await desk.UntilAsync(v => v.Presence == AgentPresence.Offline && !v.AssignedItems.Contains($"chat:{id}"),
            TestTimeouts.ForEvent(Wait), "offline with the chat returned");
        Assert.Equal([workflow.Id], offline.AssignedItems); // the e-mail-like work can wait
        Assert.Equal(AgentCapacity.Default.WeightOf(WorkChannel.WorkflowItem), offline.Load);

        var chat = await grains.GetGrain<IWorkItemGrain>($"chat:{id}").GetView();
        Assert.Equal(WorkItemStatus.Queued, chat!.Status);
        Assert.Null(chat.AgentId);
        var history = await host.Services.GetRequiredService<IWorkItemHistory>().ReadItemAsync(chat.Id);
        var returned = Assert.Single(history, e => e.Kind == WorkItemEventKind.ReturnedToQueue);
        Assert.Equal(("agent-mueller", AgentCapacity.Default.WeightOf(WorkChannel.Chat)!.Value), (returned.AgentId, returned.Weight));
        Assert.Equal(WorkItemEventKind.Queued, history[^1].Kind);
        var all = await host.Services.GetRequiredService<IWorkItemHistory>().ReadAllAsync(0, 10_000);
        Assert.Empty(HistoryReplay.Of(all).Violations);

        // The customer sees the agent leave and waits again; a colleague takes the chat over.
        await insured.WaitForAsync(c => c.Events(id).Any(e => e.Kind == ConversationEventKind.AgentLeft), Wait, "the agent-left note");
        var left = Assert.Single(insured.Events(id), e => e.Kind == ConversationEventKind.AgentLeft);
        Assert.Equal("agent-mueller", left.SenderId);
        var waiting = await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id);
        Assert.Equal((ConversationState.Waiting, 0), (waiting.State, waiting.AgentIds.Count));
        await host.TakeOverChatAsync("agent-schulz", id);
        await insured.WaitForAsync(
            c => c.Events(id).Count(e => e.Kind == ConversationEventKind.AgentJoined) == 2, Wait, "the colleague's takeover note");
        Assert.Equal("agent-schulz", insured.Events(id).Last(e => e.Kind == ConversationEventKind.AgentJoined).SenderId);
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
