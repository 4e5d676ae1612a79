using System.Collections.Concurrent;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The learner's evidence in memory (embedded default).</summary>
public sealed class InMemoryOfferRewardStore : IOfferRewardStore
{
    private readonly ConcurrentDictionary<Guid, (string OfferId, ContactChannel Channel, bool Success)> _byDecision = new();
    private readonly Lock _lock = new();

    public Task<(long Trials, long Successes)> CountAsync(string offerId, ContactChannel channel)
    {
        long trials = 0, successes = 0;
        foreach (var (_, reward) in _byDecision)
        {
            if (reward.Channel != channel || reward.OfferId != offerId)
                continue;
            trials++;
            if (reward.Success)
                successes++;
        }
        return Task.FromResult((trials, successes));
    }

    public Task<(bool NewTrial, bool NewSuccess)> RecordAsync(Guid decisionId, string offerId, ContactChannel channel, bool success, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (!_byDecision.TryGetValue(decisionId, out var existing))
            {
                _byDecision[decisionId] = (offerId, channel, success);
                return Task.FromResult((true, success));
            }
            if (success && !existing.Success)
            {
                _byDecision[decisionId] = existing with { Success = true };
                return Task.FromResult((false, true));
            }
            return Task.FromResult((false, false));
        }
    }
}
