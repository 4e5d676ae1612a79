using System.Collections.Concurrent;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The posteriors on this silo, read from the learner grains and kept at most <see cref="RefreshInterval"/> old (a
/// decision uses the held value and refreshes in the background; only an offer never seen waits for its grain).
/// </summary>
public sealed class OfferPosteriors(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<OfferPosterior> GetAsync(string offerId, ContactChannel channel)
    {
        var key = OfferLearnerGrain.KeyOf(offerId, channel);
        if (!_entries.TryGetValue(key, out var entry))
        {
            var posterior = await grains.GetGrain<IOfferLearnerGrain>(key).GetPosterior();
            entry = _entries.GetOrAdd(key, new Entry(posterior, clock.GetTimestamp()));
        }
        else if (clock.GetElapsedTime(entry.ReadAt) > RefreshInterval && entry.TryStartRefresh())
            _ = Task.Run(() => RefreshAsync(key));
        return entry.Posterior;
    }

    private async Task RefreshAsync(string key)
    {
        try
        {
            var posterior = await grains.GetGrain<IOfferLearnerGrain>(key).GetPosterior();
            _entries[key] = new Entry(posterior, clock.GetTimestamp());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (_entries.TryGetValue(key, out var entry))
                entry.EndRefresh();
        }
    }

    private sealed class Entry(OfferPosterior posterior, long readAt)
    {
        private int _refreshing;

        public OfferPosterior Posterior { get; } = posterior;

        public long ReadAt { get; } = readAt;

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void EndRefresh() => Volatile.Write(ref _refreshing, 0);
    }
}
