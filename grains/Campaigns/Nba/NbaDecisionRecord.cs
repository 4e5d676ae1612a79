using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// One offer chosen in one decision (<c>nba_decisions</c>, append-only): enough to evaluate another policy offline
/// (inverse propensity weighting needs <see cref="Probability"/>, the probability the logging policy gave this offer
/// among the candidates the contact policy did not refuse).
/// </summary>
public sealed record NbaDecisionRecord(
    Guid DecisionId,
    string OfferId,
    string CustomerKey,
    DateTimeOffset At,
    ContactChannel Channel,
    ContactSource Source,
    string Placement,
    string ContactId,
    int Rank,
    double Probability,
    double Score,
    int Candidates,
    int CatalogVersion);

/// <summary>One outcome of a decision (<c>nba_outcomes</c>, append-only; the key (decision, outcome id) makes it idempotent).</summary>
public sealed record NbaOutcomeRecord(Guid DecisionId, string OutcomeId, string OfferId, ContactOutcome Outcome, DateTimeOffset At);
