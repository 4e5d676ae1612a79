using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The stored state of an agent's desk: what counts against the capacity is stored before it is promised.</summary>
[GenerateSerializer, Alias("Kasse.Grains.Inbox.AgentDeskState")]
public sealed class AgentDeskState
{
    [Id(0)] public AgentPresence Presence { get; set; } = AgentPresence.Offline;
    [Id(1)] public AgentRoutingProfile Profile { get; set; } = new(null, [], AgentCapacity.Default);
    [Id(2)] public Dictionary<Guid, Reservation> Reservations { get; set; } = [];
    [Id(3)] public Dictionary<string, Assignment> Assignments { get; set; } = [];
    [Id(4)] public DateTimeOffset IdleSince { get; set; }

    /// <summary>Increases with every stored change; orders the agent's announcements to its queues.</summary>
    [Id(5)] public long Version { get; set; }

    /// <summary>The agent's live client connections (connection id → gateway); presence follows them.</summary>
    [Id(30)] public Dictionary<string, AgentConnection> Connections { get; set; } = [];

    /// <summary>When the last connection went away: the agent goes offline at this time unless one comes back.</summary>
    [Id(31)] public DateTimeOffset? OfflineAt { get; set; }

    /// <summary>Whether the presence reminder (the durable backstop of the grace period) is registered.</summary>
    [Id(32)] public bool PresenceReminder { get; set; }

    /// <summary>The call ringing or answered at the agent (screen pop), until it ends.</summary>
    [Id(33)] public IncomingCall? IncomingCall { get; set; }

    public int Load => Reservations.Values.Sum(r => r.Weight) + Assignments.Values.Sum(a => a.Weight);
}
