using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The learner's evidence in memory (embedded default): the counts per offer and channel, and which decisions were
/// counted already for the newest <see cref="MaxDecisions"/> decisions (the oldest are forgotten first; their counts
/// stay). As many as the decision log keeps (<see cref="InMemoryNbaDecisionLog.MaxDecisions"/>): an outcome of a
/// decision the log forgot is refused before it gets here, so nothing is counted twice.
/// </summary>
/// <param name="maxDecisions">How many decisions are remembered (tests choose fewer).</param>
public sealed class InMemoryOfferRewardStore(int maxDecisions = InMemoryOfferRewardStore.MaxDecisions) : IOfferRewardStore
{
    public const int MaxDecisions = InMemoryNbaDecisionLog.MaxDecisions;

    private readonly Dictionary<Guid, bool> _successByDecision = [];
    private readonly Queue<Guid> _order = new();
    private readonly Dictionary<(string OfferId, ContactChannel Channel), Counts> _counts = [];
    private readonly Lock _lock = new();

    public Task<(long Trials, long Successes)> CountAsync(string offerId, ContactChannel channel)
    {
        lock (_lock)
        {
            return Task.FromResult(_counts.TryGetValue((offerId, channel), out var counts) ? (counts.Trials, counts.Successes) : (0L, 0L));
        }
    }

    public Task<(bool NewTrial, bool NewSuccess)> RecordAsync(Guid decisionId, string offerId, ContactChannel channel, bool success, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (!_counts.TryGetValue((offerId, channel), out var counts))
                _counts[(offerId, channel)] = counts = new Counts();
            if (!_successByDecision.TryGetValue(decisionId, out var succeeded))
            {
                _successByDecision[decisionId] = success;
                _order.Enqueue(decisionId);
                while (_order.Count > maxDecisions)
                    _successByDecision.Remove(_order.Dequeue());
                counts.Trials++;
                if (success)
                    counts.Successes++;
                return Task.FromResult((true, success));
            }
            if (success && !succeeded)
            {
                _successByDecision[decisionId] = true;
                counts.Successes++;
                return Task.FromResult((false, true));
            }
            return Task.FromResult((false, false));
        }
    }

    /// <summary>How many decisions the store remembers as counted (at most the bound it was made with).</summary>
    public int RememberedDecisions
    {
        get
        {
            lock (_lock)
                return _successByDecision.Count;
        }
    }

    private sealed class Counts
    {
        public long Trials;
        public long Successes;
    }
}
