using Kasse.Supervision;
using Orleans.Concurrency;

namespace Kasse.Inbox;

/// <summary>
/// One queue (<see cref="QueueNames"/>): orders its waiting items and matches them with available agents, the one idle
/// longest first. Its memory is a cache: the items and agents own the truth, and a new activation rebuilds it from the
/// history. It never awaits another grain inside a turn, so items and agents may call it while it waits for them.
/// </summary>
[Alias("Kasse.Inbox.IRoutingQueueGrain")]
public interface IRoutingQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds or refreshes a waiting item (idempotent by item id).</summary>
    [Alias("Enqueue")]
    Task Enqueue(QueuedItem item);

    /// <summary>The item no longer waits or has an offer out here (it was assigned).</summary>
    [OneWay, Alias("Forget")]
    Task Forget(string itemId);

    /// <summary>An agent's presence or load changed.</summary>
    [OneWay, Alias("AgentChanged")]
    Task AgentChanged(AgentAvailability availability);

    /// <summary>
    /// Where a watched item (a chat with its insured, see <see cref="PositionWatcher"/>) stands now; null when this queue
    /// does not watch it. The same notice the queue pushes when the position changes.
    /// </summary>
    [Alias("GetPosition")]
    Task<Gateway.QueuePositionNotice?> GetPosition(string itemId);

    [Alias("GetSnapshot")]
    Task<QueueSnapshot> GetSnapshot();

    /// <summary>The first <paramref name="max"/> waiting items in queue order (for the agent workspace; no customer data).</summary>
    [Alias("ListWaiting")]
    Task<IReadOnlyList<WaitingItem>> ListWaiting(int max);

    /// <summary>The queue as a supervisor sees it (waiting, oldest wait, SLA breaches, escalated), taken now.</summary>
    [Alias("GetSummary")]
    Task<QueueSummary> GetSummary();

    /// <summary>The first <paramref name="max"/> waiting items in the queue's order (for supervisors).</summary>
    [Alias("GetWaitingItems")]
    Task<IReadOnlyList<QueuedItem>> GetWaitingItems(int max);
}
