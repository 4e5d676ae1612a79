using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The append-only history of work items (<c>work_item_events</c>). Appends are idempotent per (item, seq): an item
/// re-appends its unconfirmed events after a crash without creating duplicates. Positions order all events consistently
/// with causality: an event appended after another's append completed gets a higher position.
/// </summary>
public interface IWorkItemHistory
{
    /// <summary>Completes once every event is durable.</summary>
    Task AppendAsync(IReadOnlyList<WorkItemEvent> events);

    /// <summary>The events of one item in seq order.</summary>
    Task<IReadOnlyList<WorkItemEvent>> ReadItemAsync(string itemId);

    /// <summary>Events of all items after <paramref name="afterPosition"/>, in position order (replays, audits).</summary>
    Task<IReadOnlyList<WorkItemEvent>> ReadAllAsync(long afterPosition, int max);

    /// <summary>
    /// The items whose latest event leaves them waiting or offered in <paramref name="queue"/> (the queue of their latest
    /// <c>Queued</c> event), in item id order after <paramref name="afterItemId"/>, at most <paramref name="max"/>: a
    /// page of a queue's rebuild. Reads only open items, however long the queue's history.
    /// </summary>
    Task<IReadOnlyList<string>> ReadUnsettledAsync(string queue, string? afterItemId, int max);
}
