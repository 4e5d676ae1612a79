using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The order in which a queue offers to agents: idle longest first, then by agent id.</summary>
public static class IdleOrder
{
    public static IComparer<AgentAvailability> Instance { get; } = Comparer<AgentAvailability>.Create(static (x, y) =>
        x.IdleSince.CompareTo(y.IdleSince) is var c and not 0 ? c : string.CompareOrdinal(x.AgentId, y.AgentId));
}
