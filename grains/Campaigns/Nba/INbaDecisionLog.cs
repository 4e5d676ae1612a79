namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The decision and outcome log (PostgreSQL <c>nba_decisions</c>/<c>nba_outcomes</c>, memory in the embedded default).</summary>
public interface INbaDecisionLog
{
    /// <summary>Durable when the task completes.</summary>
    Task AppendDecisionsAsync(IReadOnlyList<NbaDecisionRecord> records);

    Task<NbaDecisionRecord?> FindAsync(Guid decisionId, string offerId);

    /// <summary>Appends the outcome; false when this (decision, outcome id) was recorded already.</summary>
    Task<bool> AppendOutcomeAsync(NbaOutcomeRecord record);

    /// <summary>The newest decisions (at most <paramref name="max"/>), newest first, for the admin page.</summary>
    Task<IReadOnlyList<NbaDecisionRecord>> ReadRecentAsync(int max);
}
