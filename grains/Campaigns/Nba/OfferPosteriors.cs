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

    // Keyed by (offer, channel) rather than the grain key: a decision looks up every candidate, and building the
    // grain key's string each time was an allocation per offer per decision.
    private readonly ConcurrentDictionary<(string OfferId, ContactChannel Channel), Entry> _entries = new();

    public ValueTask<OfferPosterior> GetAsync(string offerId, ContactChannel channel)
    {
        if (!_entries.TryGetValue((offerId, channel), out var entry))
            return new ValueTask<OfferPosterior>(FirstReadAsync(offerId, channel));
        if (clock.GetElapsedTime(entry.ReadAt) > RefreshInterval && entry.TryStartRefresh())
            _ = Task.Run(() => RefreshAsync(offerId, channel));
        return new ValueTask<OfferPosterior>(entry.Posterior);
    }

    private async Task<OfferPosterior> FirstReadAsync(string offerId, ContactChannel channel)
    {
        var posterior = await grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(offerId, channel)).GetPosterior();
        return _entries.GetOrAdd((offerId, channel), new Entry(posterior, clock.GetTimestamp())).Posterior;
    }

    private async Task RefreshAsync(string offerId, ContactChannel channel)
    {
        try
        {
            var posterior = await grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(offerId, channel)).GetPosterior();
            _entries[(offerId, channel)] = new Entry(posterior, clock.GetTimestamp());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (_entries.TryGetValue((offerId, channel), out var entry))
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
