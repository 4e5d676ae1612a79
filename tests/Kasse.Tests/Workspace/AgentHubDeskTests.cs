using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Workspace;

/// <summary>The agent's live channel: the desk pushed over the agent hub, offers taken over the hub (real SignalR clients).</summary>
[Collection(WorkspaceHostCollection.Name)]
public sealed class AgentHubDeskTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan Wait = TestTimeouts.ForEvent(TimeSpan.FromSeconds(10));

    private KasseTestHost Host => fixture.Host;

    private async Task<DeskEvents> ConnectAgentAsync(string agentId) =>
        await DeskEvents.ConnectAsync(Host.CreateHubConnection("/hubs/agent", await Host.SignInAsync(agentId)));

    private async Task<WorkItemView> CreateItemAsync(string channel, object body)
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.PutAsJsonAsync($"/api/integration/work-items/{channel}/t-{Guid.NewGuid():N}", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WorkItemView>(Json))!;
    }

    [Fact]
    public async Task Item_created_over_http_reaches_one_available_agent_as_a_desk_event_and_is_accepted_over_the_hub()
    {
        await using var mueller = await ConnectAgentAsync("agent-mueller");
        await using var schulz = await ConnectAgentAsync("agent-schulz");
        foreach (var agent in new[] { mueller, schulz })
        {
            var available = await agent.Connection.InvokeAsync<AgentDeskView>("SetPresence", AgentPresence.Available);
            Assert.Equal(("Team Nord", AgentPresence.Available), (available.Profile.Team, available.Presence));
        }

        var item = await CreateItemAsync("workflow", new { topic = "Beitragsrückstand prüfen", team = "Team Nord", kvnr = "A123456780" });

        // Nobody typed an id: the offer arrives by push at exactly one of the two.
        var offered = await Task.WhenAny(
            mueller.WaitForAsync(d => d.Offers.Any(o => o.ItemId == item.Id), Wait, "offer to Müller"),
            schulz.WaitForAsync(d => d.Offers.Any(o => o.ItemId == item.Id), Wait, "offer to Schulz"));
        var desk = await offered;
        var (winner, other) = desk.AgentId == "agent-mueller" ? (mueller, schulz) : (schulz, mueller);
        var offer = desk.Offers.Single(o => o.ItemId == item.Id);
        Assert.Equal("Beitragsrückstand prüfen", offer.Topic);

        var accepted = await winner.Connection.InvokeAsync<WorkItemView>("AcceptOffer", offer.OfferId);
        Assert.Equal((WorkItemStatus.Assigned, desk.AgentId), (accepted.Status, accepted.AgentId));
        await winner.WaitForAsync(d => d.AssignedItems.Contains(item.Id) && d.Offers.All(o => o.ItemId != item.Id), Wait, "assignment");
        var mine = await winner.Connection.InvokeAsync<IReadOnlyList<WorkItemView>>("ListMyItems");
        Assert.Contains(mine, i => i.Id == item.Id && i.Status == WorkItemStatus.Assigned);

        // The other agent never saw it, and cannot take it over the hub.
        Assert.False(other.EverOffered(item.Id));
        Assert.DoesNotContain((await other.Connection.InvokeAsync<AgentDeskView>("GetDesk")).Offers, o => o.ItemId == item.Id);
        var stolen = await Assert.ThrowsAsync<HubException>(() => other.Connection.InvokeAsync<WorkItemView>("AcceptOffer", offer.OfferId));
        Assert.Equal(InboxErrors.OfferGone, stolen.Code());

        await winner.Connection.InvokeAsync("CompleteWorkItem", item.Id);
        await winner.WaitForAsync(d => !d.AssignedItems.Contains(item.Id), Wait, "wrap-up");
    }

    [Fact]
    public async Task Declined_offer_leaves_the_desk_and_waiting_items_are_listed_for_the_agents_own_queues_only()
    {
        await using var kaya = await ConnectAgentAsync("agent-kaya");
        await using var mueller = await ConnectAgentAsync("agent-mueller");
        await kaya.Connection.InvokeAsync<AgentDeskView>("SetPresence", AgentPresence.Offline);

        var item = await CreateItemAsync("form", new { topic = "Unfallfragebogen", team = "Team Süd" });
        var waiting = await Eventually.ReturnsAsync(
            () => kaya.Connection.InvokeAsync<IReadOnlyList<WaitingItem>>("ListWaiting", "team:Team Süd"),
            list => list.Any(w => w.ItemId == item.Id), Wait, "the item in Kaya's team queue");
        var entry = waiting.Single(w => w.ItemId == item.Id);
        Assert.Equal(("team:Team Süd", WorkChannel.FormCase, "Unfallfragebogen"), (entry.Queue, entry.Channel, entry.Topic));
        Assert.Contains(await kaya.Connection.InvokeAsync<IReadOnlyList<WaitingItem>>("ListWaiting", (string?)null), w => w.ItemId == item.Id);
        var foreign = await Assert.ThrowsAsync<HubException>(() => mueller.Connection.InvokeAsync<IReadOnlyList<WaitingItem>>("ListWaiting", "team:Team Süd"));
        Assert.Equal("QUEUE_FORBIDDEN", foreign.Code());
        Assert.DoesNotContain(await mueller.Connection.InvokeAsync<IReadOnlyList<WaitingItem>>("ListWaiting", (string?)null), w => w.ItemId == item.Id);

        // Available: the waiting item comes as an offer; a decline takes it off the desk.
        await kaya.Connection.InvokeAsync<AgentDeskView>("SetPresence", AgentPresence.Available);
        var desk = await kaya.WaitForAsync(d => d.Offers.Any(o => o.ItemId == item.Id), Wait, "offer to Kaya");
        var declined = desk.Offers.Single(o => o.ItemId == item.Id).OfferId;
        await kaya.Connection.InvokeAsync("DeclineOffer", declined);
        await kaya.WaitForAsync(d => d.Version > desk.Version && d.Offers.All(o => o.ItemId != item.Id), Wait, "the decline");

        // Kaya is the only agent of the team, so the item comes back to her with a new offer; taken and wrapped up, it
        // leaves nothing waiting behind in the shared host.
        var again = await kaya.WaitForAsync(d => d.Offers.Any(o => o.ItemId == item.Id && o.OfferId != declined), Wait, "the offer again");
        await kaya.Connection.InvokeAsync<WorkItemView>("AcceptOffer", again.Offers.Single(o => o.ItemId == item.Id).OfferId);
        await kaya.Connection.InvokeAsync("CompleteWorkItem", item.Id);
    }
}
