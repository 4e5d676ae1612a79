using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The embedded default's history: per process, in memory.</summary>
public sealed class InMemoryWorkItemHistory : IWorkItemHistory
{
    private readonly Lock _lock = new();
    private readonly List<WorkItemEvent> _all = [];
    private readonly Dictionary<(string, int), WorkItemEvent> _byKey = [];

    // Each item's latest status and queue, as work_item_status keeps it in PostgreSQL.
    private readonly Dictionary<string, (string? Queue, WorkItemStatus Status, int Seq)> _status = [];

    public Task AppendAsync(IReadOnlyList<WorkItemEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                if (_byKey.TryGetValue((e.ItemId, e.Seq), out var stored))
                {
                    if (stored.Kind != e.Kind || stored.OfferId != e.OfferId)
                        throw new InvalidOperationException("the sequence number is already taken by another event");
                    continue;
                }
                var positioned = e with { Position = _all.Count + 1 };
                _all.Add(positioned);
                _byKey[(e.ItemId, e.Seq)] = positioned;
                var known = _status.GetValueOrDefault(e.ItemId, (null, e.Status, int.MinValue));
                if (e.Seq > known.Seq)
                    _status[e.ItemId] = (e.Queue ?? known.Queue, e.Status, e.Seq);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkItemEvent>> ReadItemAsync(string itemId)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<WorkItemEvent>>(_all.Where(e => e.ItemId == itemId).OrderBy(e => e.Seq).ToArray());
    }

    public Task<IReadOnlyList<WorkItemEvent>> ReadAllAsync(long afterPosition, int max)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<WorkItemEvent>>(_all.Skip((int)Math.Min(afterPosition, _all.Count)).Take(max).ToArray());
    }

    public Task<IReadOnlyList<string>> ReadUnsettledAsync(string queue, string? afterItemId, int max)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>(_status
                .Where(s => s.Value.Queue == queue && s.Value.Status is WorkItemStatus.Queued or WorkItemStatus.Offered
                    && string.CompareOrdinal(s.Key, afterItemId ?? "") > 0)
                .Select(s => s.Key)
                .Order(StringComparer.Ordinal)
                .Take(max)
                .ToArray());
        }
    }
}
