using Kasse.Conversations;
using Kasse.Gateway;
using Kasse.Inbox;
using Kasse.Web.Realtime;

namespace Kasse.Tests.Chat;

/// <summary>
/// The person hubs share one user index (one lookup per user and delivery); every connection still gets what its own
/// hub gets, through its own hub, and an agent's desk still reaches only hubs that take desks.
/// </summary>
public sealed class SharedUserIndexTests
{
    [Fact]
    public async Task A_delivery_reaches_a_users_connections_on_every_hub_sharing_the_index_through_their_own_hub()
    {
        var persons = new UserIndex();
        var portal = new RecordingConnections(persons, receivesDesk: false);
        var workspace = new RecordingConnections(persons, receivesDesk: true);
        var supervisors = new RecordingConnections(new UserIndex(), receivesDesk: false);
        portal.Add("agent-mueller", "p1");
        workspace.Add("agent-mueller", "w1");
        workspace.Add("agent-schulz", "w2");
        supervisors.Add("agent-mueller", "s1");
        var gateway = new GatewayObserver(persons, supervisors);
        var e = new ConversationEvent(Guid.NewGuid(), 1, ConversationEventKind.Message, "A123456780", ParticipantRole.Insured, "Frau A", "c-1", "Hallo", DateTimeOffset.UtcNow);
        var desk = new AgentDeskView("agent-mueller", AgentPresence.Available, null!, 0, [], [], 1);

        await gateway.Deliver([new ClientDelivery(["agent-mueller"], e, null), new ClientDelivery(["agent-mueller"], null, null, Desk: desk)]);

        Assert.Equal([("p1", ClientEvents.ConversationEvent)], portal.Sent);
        Assert.Equal([("w1", ClientEvents.ConversationEvent), ("w1", ClientEvents.Desk)], workspace.Sent);
        Assert.Empty(supervisors.Sent);
        Assert.Same(portal, portal.Of("agent-mueller").Single(c => c.Id == "p1").Hub);
        Assert.Equal(2, persons.UserCount);
    }

    [Fact]
    public void Removing_a_connection_from_one_hub_leaves_the_users_connections_on_the_others()
    {
        var persons = new UserIndex();
        var portal = new RecordingConnections(persons, receivesDesk: false);
        var workspace = new RecordingConnections(persons, receivesDesk: true);
        portal.Add("agent-mueller", "p1");
        workspace.Add("agent-mueller", "w1");

        portal.Remove("agent-mueller", "p1");

        Assert.Equal(["w1"], persons.Of("agent-mueller").Select(c => c.Id));
        workspace.Remove("agent-mueller", "w1");
        Assert.Empty(persons.Of("agent-mueller"));
        Assert.Equal(0, persons.UserCount);
    }

    private sealed class RecordingConnections(UserIndex index, bool receivesDesk) : UserConnections(index: index)
    {
        public List<(string ConnectionId, string Method)> Sent { get; } = [];

        public override bool ReceivesDesk => receivesDesk;

        public override Task SendAsync(string connectionId, string method, object payload)
        {
            lock (Sent)
                Sent.Add((connectionId, method));
            return Task.CompletedTask;
        }
    }
}
