using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The order in which a queue offers to agents: idle longest first, then by agent id.</summary>
public sealed class IdleOrder : IComparer<AgentAvailability>
{
    public static IdleOrder Instance { get; } = new();

    public int Compare(AgentAvailability? x, AgentAvailability? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var c = x.IdleSince.CompareTo(y.IdleSince);
        return c != 0 ? c : string.CompareOrdinal(x.AgentId, y.AgentId);
    }
}
