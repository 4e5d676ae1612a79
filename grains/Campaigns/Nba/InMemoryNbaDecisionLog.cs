using System.Collections.Concurrent;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The decision log in memory (embedded default): bounded, the oldest decisions and outcomes are dropped first. A
/// decision has a few outcomes (impression, click, …), so outcomes are kept four times as many: an outcome is
/// forgotten long after its decision, whose later reports are refused.
/// </summary>
/// <param name="maxDecisions">How many decisions are kept (tests choose fewer); outcomes four times as many.</param>
public sealed class InMemoryNbaDecisionLog(int maxDecisions = InMemoryNbaDecisionLog.MaxDecisions) : INbaDecisionLog
{
    public const int MaxDecisions = 200_000;
    public const int OutcomesPerDecision = 4;

    private readonly ConcurrentDictionary<(Guid, string), NbaDecisionRecord> _decisions = new();
    private readonly ConcurrentQueue<(Guid, string)> _order = new();
    private readonly ConcurrentDictionary<(Guid, string), NbaOutcomeRecord> _outcomes = new();
    private readonly ConcurrentQueue<(Guid, string)> _outcomeOrder = new();

    public Task AppendDecisionsAsync(IReadOnlyList<NbaDecisionRecord> records)
    {
        foreach (var record in records)
        {
            var key = (record.DecisionId, record.OfferId);
            if (_decisions.TryAdd(key, record))
                _order.Enqueue(key);
        }
        while (_order.Count > maxDecisions && _order.TryDequeue(out var oldest))
            _decisions.TryRemove(oldest, out _);
        return Task.CompletedTask;
    }

    public Task<NbaDecisionRecord?> FindAsync(Guid decisionId, string offerId) =>
        Task.FromResult(_decisions.GetValueOrDefault((decisionId, offerId)));

    public Task<bool> AppendOutcomeAsync(NbaOutcomeRecord record)
    {
        var key = (record.DecisionId, record.OutcomeId);
        if (!_outcomes.TryAdd(key, record))
            return Task.FromResult(false);
        _outcomeOrder.Enqueue(key);
        while (_outcomeOrder.Count > OutcomesPerDecision * maxDecisions && _outcomeOrder.TryDequeue(out var oldest))
            _outcomes.TryRemove(oldest, out _);
        return Task.FromResult(true);
    }

    /// <summary>How many outcomes are kept (at most <see cref="OutcomesPerDecision"/> per decision kept).</summary>
    public int OutcomeCount => _outcomes.Count;

    public Task<IReadOnlyList<NbaDecisionRecord>> ReadRecentAsync(int max)
    {
        IReadOnlyList<NbaDecisionRecord> recent = _decisions.Values.OrderByDescending(d => d.At).Take(max).ToList();
        return Task.FromResult(recent);
    }
}
