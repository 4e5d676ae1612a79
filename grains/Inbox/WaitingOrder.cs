using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The order of a queue: priority (1 first), then the earlier SLA deadline, then the older item, then the id.</summary>
public static class WaitingOrder
{
    public static IComparer<QueuedItem> Instance { get; } = Comparer<QueuedItem>.Create(static (x, y) =>
        x.Priority.CompareTo(y.Priority) is var p and not 0 ? p
        : x.SlaDeadline.CompareTo(y.SlaDeadline) is var d and not 0 ? d
        : x.CreatedAt.CompareTo(y.CreatedAt) is var a and not 0 ? a
        : string.CompareOrdinal(x.ItemId, y.ItemId));
}
