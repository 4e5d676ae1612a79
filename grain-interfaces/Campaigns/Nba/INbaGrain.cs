namespace Kasse.Campaigns.Nba;

/// <summary>
/// The next-best-action engine (stateless worker, key 0): rules, contact policy, arbitration and Thompson sampling;
/// every decision and outcome is logged (<c>nba_decisions</c>, <c>nba_outcomes</c>).
/// </summary>
[Alias("Kasse.Campaigns.Nba.INbaGrain")]
public interface INbaGrain : IGrainWithIntegerKey
{
    [Alias("Decide")]
    Task<NbaDecision> Decide(NbaRequest request);

    /// <summary>
    /// Suggestions for the agent desktop's customer panel; the access is audited (who, which customer).
    /// </summary>
    [Alias("SuggestForAgent")]
    Task<NbaDecision> SuggestForAgent(Guid decisionId, string customerKey, string agentId, string agentRole, int max);

    /// <summary>
    /// An outcome of a decision made for <paramref name="customerKey"/> (others' decisions are refused with
    /// <c>OFFER_CATALOG_INVALID</c>). Idempotent by outcome id. Impression, click, accept and reject confirm the
    /// reserved contact; every outcome goes to the customer's ledger and to the learner.
    /// </summary>
    [Alias("ReportOutcome")]
    Task ReportOutcome(string customerKey, NbaOutcome outcome);

    /// <summary>Gives the reservation of a chosen offer back (e.g. a call on the call list that was not made).</summary>
    [Alias("Release")]
    Task Release(string customerKey, Guid decisionId, string offerId);
}

/// <summary>
/// The learner of one offer on one channel (key <c>{offerId}|{channel}</c>): counts trials and successes; a decision
/// is one trial at its first outcome and one success at its first click or accept (docs/campaigns.md).
/// </summary>
[Alias("Kasse.Campaigns.Nba.IOfferLearnerGrain")]
public interface IOfferLearnerGrain : IGrainWithStringKey
{
    [Alias("GetPosterior")]
    Task<OfferPosterior> GetPosterior();

    [Alias("Reward")]
    Task<OfferPosterior> Reward(Guid decisionId, ContactOutcome outcome);
}
