using System.Collections.Concurrent;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The decision log in memory (embedded default): bounded, the oldest decisions are dropped first.</summary>
public sealed class InMemoryNbaDecisionLog : INbaDecisionLog
{
    public const int MaxDecisions = 200_000;

    private readonly ConcurrentDictionary<(Guid, string), NbaDecisionRecord> _decisions = new();
    private readonly ConcurrentQueue<(Guid, string)> _order = new();
    private readonly ConcurrentDictionary<(Guid, string), NbaOutcomeRecord> _outcomes = new();

    public Task AppendDecisionsAsync(IReadOnlyList<NbaDecisionRecord> records)
    {
        foreach (var record in records)
        {
            var key = (record.DecisionId, record.OfferId);
            if (_decisions.TryAdd(key, record))
                _order.Enqueue(key);
        }
        while (_order.Count > MaxDecisions && _order.TryDequeue(out var oldest))
            _decisions.TryRemove(oldest, out _);
        return Task.CompletedTask;
    }

    public Task<NbaDecisionRecord?> FindAsync(Guid decisionId, string offerId) =>
        Task.FromResult(_decisions.GetValueOrDefault((decisionId, offerId)));

    public Task<bool> AppendOutcomeAsync(NbaOutcomeRecord record) =>
        Task.FromResult(_outcomes.TryAdd((record.DecisionId, record.OutcomeId), record));

    public Task<IReadOnlyList<NbaDecisionRecord>> ReadRecentAsync(int max)
    {
        IReadOnlyList<NbaDecisionRecord> recent = _decisions.Values.OrderByDescending(d => d.At).Take(max).ToList();
        return Task.FromResult(recent);
    }
}
