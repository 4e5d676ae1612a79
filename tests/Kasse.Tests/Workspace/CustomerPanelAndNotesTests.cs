using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Conversations;
using Kasse.Grains.Audit;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Workspace;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Workspace;

/// <summary>
/// The customer panel beside a work item (audited, only for the agent holding the item or a supervisor), canned
/// responses, and internal notes the insured never receives.
/// </summary>
[Collection(WorkspaceHostCollection.Name)]
public sealed class CustomerPanelAndNotesTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan Wait = TestTimeouts.ForEvent(TimeSpan.FromSeconds(10));
    private const string Kvnr = "Z987654321"; // Leyla Öztürk-Schmidt, demo master data

    private KasseTestHost Host => fixture.Host;

    private async Task<HubConnection> ConnectAsync(string userId, string hub)
    {
        var connection = Host.CreateHubConnection(hub, await Host.SignInAsync(userId));
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A Team Süd item of the demo customer, offered to and accepted by Kaya over the hub.</summary>
    private async Task<WorkItemView> ItemHeldByKayaAsync(DeskEvents kaya, string topic)
    {
        await kaya.Connection.InvokeAsync<AgentDeskView>("SetPresence", AgentPresence.Available);
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.PutAsJsonAsync(
            $"/api/integration/work-items/form/t-{Guid.NewGuid():N}", new { topic, team = "Team Süd", kvnr = Kvnr });
        response.EnsureSuccessStatusCode();
        var item = (await response.Content.ReadFromJsonAsync<WorkItemView>(Json))!;
        var desk = await kaya.WaitForAsync(d => d.Offers.Any(o => o.ItemId == item.Id), Wait, "offer to Kaya");
        return await kaya.Connection.InvokeAsync<WorkItemView>("AcceptOffer", desk.Offers.Single(o => o.ItemId == item.Id).OfferId);
    }

    /// <summary>The chat the insured started (its work item <c>chat:&lt;id&gt;</c>), taken by Müller over the hub.</summary>
    private static async Task<WorkItemView> TakeChatAsync(DeskEvents agent, Guid conversationId)
    {
        await agent.Connection.InvokeAsync<AgentDeskView>("SetPresence", AgentPresence.Available);
        var itemId = WorkItemKeys.External(WorkChannel.Chat, conversationId.ToString());
        var desk = await agent.WaitForAsync(d => d.Offers.Any(o => o.ItemId == itemId), Wait, "the chat's offer");
        return await agent.Connection.InvokeAsync<WorkItemView>("AcceptOffer", desk.Offers.Single(o => o.ItemId == itemId).OfferId);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(string itemId) =>
        await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("work-item", itemId, 100);

    [Fact]
    public async Task Agent_holding_an_item_sees_the_customer_panel_audited_and_a_colleague_without_it_is_refused_audited()
    {
        await using var insured = await ConnectAsync(Kvnr, "/hubs/customer");
        var conversationId = Guid.NewGuid();
        await insured.InvokeAsync<ConversationView>("StartConversation", conversationId, "Leistungen", null);
        await using var kaya = await DeskEvents.ConnectAsync(Host.CreateHubConnection("/hubs/agent", await Host.SignInAsync("agent-kaya")));
        var item = await ItemHeldByKayaAsync(kaya, "Rückruf Krankengeld");

        var panel = await kaya.Connection.InvokeAsync<CustomerPanel>("GetCustomerPanel", item.Id);
        Assert.Equal(("Leyla", "Öztürk-Schmidt"), (panel.Profile?.GivenName, panel.Profile?.FamilyName));
        Assert.Contains(panel.OpenItems, i => i.Id == item.Id);
        Assert.Contains(panel.Conversations, c => c.ConversationId == conversationId && c.Topic == "Leistungen");
        Assert.Contains(await AuditOfAsync(item.Id), e => e.ActorId == "agent-kaya" && e.Action == "customer.panel.read" && e.InsuredId == Kvnr);

        await using var mueller = await ConnectAsync("agent-mueller", "/hubs/agent");
        var refused = await Assert.ThrowsAsync<HubException>(() => mueller.InvokeAsync<CustomerPanel>("GetCustomerPanel", item.Id));
        Assert.Equal(WorkspaceErrors.Forbidden, refused.Code());
        Assert.Contains(await AuditOfAsync(item.Id), e => e.ActorId == "agent-mueller" && e.Action == "customer-panel.refused");

        await using var supervisor = await ConnectAsync("supervisor-fischer", "/hubs/agent");
        Assert.Equal("Leyla", (await supervisor.InvokeAsync<CustomerPanel>("GetCustomerPanel", item.Id)).Profile?.GivenName);

        // Wrapped up: the item moves from the open items to the earlier contacts.
        await kaya.Connection.InvokeAsync("CompleteWorkItem", item.Id);
        var after = await supervisor.InvokeAsync<CustomerPanel>("GetCustomerPanel", item.Id);
        Assert.DoesNotContain(after.OpenItems, i => i.Id == item.Id);
        Assert.Contains(after.EarlierItems, i => i.Id == item.Id && i.Status == WorkItemStatus.Done);

        // The started chat is a work item too: taken and wrapped up, so nothing waits behind in this host.
        await using var chatAgent = await DeskEvents.ConnectAsync(Host.CreateHubConnection("/hubs/agent", await Host.SignInAsync("agent-schulz")));
        var chat = await TakeChatAsync(chatAgent, conversationId);
        await chatAgent.Connection.InvokeAsync("CompleteWorkItem", chat.Id);
    }

    [Fact]
    public async Task Internal_notes_are_kept_for_staff_and_never_reach_the_insureds_hub()
    {
        await using var insured = await ConnectAsync(Kvnr, "/hubs/customer");
        var pushed = new ConcurrentQueue<string>();
        insured.On<JsonElement>("ConversationEvent", e => pushed.Enqueue(e.GetRawText()));
        insured.On<JsonElement>("Typing", e => pushed.Enqueue(e.GetRawText()));
        insured.On<JsonElement>("desk", e => pushed.Enqueue(e.GetRawText()));
        var conversationId = Guid.NewGuid();
        await insured.InvokeAsync<ConversationView>("StartConversation", conversationId, "Beiträge", null);
        await using var mueller = await DeskEvents.ConnectAsync(Host.CreateHubConnection("/hubs/agent", await Host.SignInAsync("agent-mueller")));
        var item = await TakeChatAsync(mueller, conversationId);

        var secret = "Intern: Kundin wirkt verärgert " + Guid.NewGuid().ToString("N");
        var noteId = Guid.NewGuid();
        var note = await mueller.Connection.InvokeAsync<WorkItemNote>("AddNote", item.Id, noteId, secret);
        var again = await mueller.Connection.InvokeAsync<WorkItemNote>("AddNote", item.Id, noteId, secret);
        Assert.Equal((note.NoteId, note.At), (again.NoteId, again.At));
        // A message after the note: once the insured has it, anything pushed before it has arrived too.
        var after = await mueller.Connection.InvokeAsync<PostAck>("SendMessage", conversationId, "m-1", "Ich kümmere mich darum.");
        await Eventually.ReturnsAsync(() => Task.FromResult(pushed.ToArray()), p => p.Any(e => e.Contains("m-1", StringComparison.Ordinal)), Wait, "the message after the note");

        var notes = await mueller.Connection.InvokeAsync<IReadOnlyList<WorkItemNote>>("ListNotes", item.Id);
        Assert.Equal([secret], notes.Select(n => n.Text));
        await using var supervisor = await ConnectAsync("supervisor-fischer", "/hubs/agent");
        Assert.Single(await supervisor.InvokeAsync<IReadOnlyList<WorkItemNote>>("ListNotes", item.Id));
        await using var kaya = await ConnectAsync("agent-kaya", "/hubs/agent");
        Assert.Equal(WorkspaceErrors.Forbidden,
            (await Assert.ThrowsAsync<HubException>(() => kaya.InvokeAsync<IReadOnlyList<WorkItemNote>>("ListNotes", item.Id))).Code());

        // The insured: nothing pushed, nothing in the conversation, no way to ask for notes.
        Assert.DoesNotContain(pushed, e => e.Contains(secret, StringComparison.Ordinal));
        var events = await insured.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", conversationId, 0L);
        Assert.True(events.Count >= after.Seq);
        Assert.DoesNotContain(events, e => e.Text?.Contains(secret, StringComparison.Ordinal) == true);
        await Assert.ThrowsAnyAsync<HubException>(() => insured.InvokeAsync<IReadOnlyList<WorkItemNote>>("ListNotes", item.Id));
        await mueller.Connection.InvokeAsync("CompleteWorkItem", item.Id);
    }

    [Fact]
    public async Task Agent_gets_the_canned_responses_of_the_own_team_and_a_supervisor_replaces_them()
    {
        await using var kaya = await ConnectAsync("agent-kaya", "/hubs/agent");
        var demo = await kaya.InvokeAsync<IReadOnlyList<CannedResponse>>("ListCannedResponses");
        Assert.Contains(demo, r => r.Title == "Unfallfragebogen" && r.Text.Contains("{Anrede}", StringComparison.Ordinal));
        await using var mueller = await ConnectAsync("agent-mueller", "/hubs/agent");
        Assert.DoesNotContain(await mueller.InvokeAsync<IReadOnlyList<CannedResponse>>("ListCannedResponses"), r => r.Title == "Unfallfragebogen");

        var team = "Team Test " + Guid.NewGuid().ToString("N")[..8];
        using var supervisor = Host.CreateClient(await Host.SignInAsync("supervisor-fischer"));
        using var put = await supervisor.PutAsJsonAsync($"/api/supervisor/teams/{Uri.EscapeDataString(team)}/canned-responses",
            new[] { new { title = "Gruß", text = "Hallo {Vorname}, hier ist {Agent}." } });
        put.EnsureSuccessStatusCode();
        var read = await supervisor.GetFromJsonAsync<CannedResponse[]>($"/api/supervisor/teams/{Uri.EscapeDataString(team)}/canned-responses", Json);
        Assert.Equal([new CannedResponse("Gruß", "Hallo {Vorname}, hier ist {Agent}.")], read ?? []);
        using var agentHttp = Host.CreateClient(await Host.SignInAsync("agent-kaya"));
        using var forbidden = await agentHttp.GetAsync($"/api/supervisor/teams/{Uri.EscapeDataString(team)}/canned-responses");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
