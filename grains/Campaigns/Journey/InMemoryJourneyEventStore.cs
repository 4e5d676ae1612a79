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
}
