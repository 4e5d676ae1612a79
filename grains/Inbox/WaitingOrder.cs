using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The order of a queue: priority (1 first), then the earlier SLA deadline, then the older item, then the id.</summary>
public sealed class WaitingOrder : IComparer<QueuedItem>
{
    public static WaitingOrder Instance { get; } = new();

    public int Compare(QueuedItem? x, QueuedItem? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var c = x.Priority.CompareTo(y.Priority);
        if (c == 0)
            c = x.SlaDeadline.CompareTo(y.SlaDeadline);
        if (c == 0)
            c = x.CreatedAt.CompareTo(y.CreatedAt);
        return c != 0 ? c : string.CompareOrdinal(x.ItemId, y.ItemId);
    }
}
