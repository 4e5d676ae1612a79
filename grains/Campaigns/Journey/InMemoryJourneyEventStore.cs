using System.Collections.Concurrent;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>The journey events in memory (embedded default and tests without PostgreSQL).</summary>
public sealed class InMemoryJourneyEventStore : IJourneyEventStore
{
    private readonly ConcurrentDictionary<string, List<JourneyEvent>> _events = new(StringComparer.Ordinal);

    public Task<bool> AppendAsync(JourneyEvent journeyEvent, CancellationToken cancellationToken = default)
    {
        var list = _events.GetOrAdd(journeyEvent.CustomerKey, _ => []);
        lock (list)
        {
            if (list.Any(e => e.EventId == journeyEvent.EventId))
                return Task.FromResult(false);
            if (list.Any(e => e.Seq == journeyEvent.Seq))
                throw new InvalidOperationException($"journey_events: seq {journeyEvent.Seq} is taken (a second writer?).");
            list.Add(journeyEvent);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<JourneyEvent>> ReadAsync(string customerKey, long afterSeq, int max, CancellationToken cancellationToken = default)
    {
        if (!_events.TryGetValue(customerKey, out var list))
            return Task.FromResult<IReadOnlyList<JourneyEvent>>([]);
        lock (list)
            return Task.FromResult<IReadOnlyList<JourneyEvent>>(list.Where(e => e.Seq > afterSeq).OrderBy(e => e.Seq).Take(max).ToList());
    }

    public Task<JourneyTail> ReadTailAsync(string customerKey, CancellationToken cancellationToken = default)
    {
        if (!_events.TryGetValue(customerKey, out var list))
            return Task.FromResult(new JourneyTail(0, null));
        lock (list)
        {
            var lastSeq = list.Count == 0 ? 0 : list.Max(e => e.Seq);
            var lastViewed = list.Where(e => e.Kind == JourneyEventKind.TariffViewed).MaxBy(e => e.Seq);
            return Task.FromResult(new JourneyTail(lastSeq, lastViewed));
        }
    }

    public Task<JourneyEvent?> FindAsync(string customerKey, string eventId, CancellationToken cancellationToken = default)
    {
        if (!_events.TryGetValue(customerKey, out var list))
            return Task.FromResult<JourneyEvent?>(null);
        lock (list)
            return Task.FromResult(list.FirstOrDefault(e => e.EventId == eventId));
    }

    /// <summary>Every stored event (the memory twin of the report queries).</summary>
    public IReadOnlyList<JourneyEvent> All()
    {
        var all = new List<JourneyEvent>();
        foreach (var list in _events.Values)
        {
            lock (list)
                all.AddRange(list);
        }
        return all;
    }
}
