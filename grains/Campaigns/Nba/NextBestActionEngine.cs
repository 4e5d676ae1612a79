using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The entry to next best action: decisions (made in the customer grain by <see cref="NbaChooser"/>), outcomes and
/// releases of chosen offers.
/// </summary>
public sealed class NextBestActionEngine(INbaDecisionLog log, INbaCustomers customers, IGrainFactory grains, TimeProvider clock)
{
    public const int MaxOffersPerDecision = 5;

    public static string ContactIdOf(Guid decisionId, string offerId) => $"nba:{decisionId:N}:{offerId}";

    /// <summary>
    /// One decision: checked here, made in one call to the person's customer grain (facts, ranking and reservation in
    /// its turn, <see cref="NbaChooser"/>).
    /// </summary>
    public Task<NbaDecision> DecideAsync(NbaRequest request)
    {
        Check(request);
        return customers.DecideAsync(request);
    }

    /// <summary>
    /// Confirms the contact when the offer was shown and records the outcome in the customer's ledger (one call), logs
    /// the outcome and rewards the learner. The three are independent and run at once; each is idempotent, so a retry
    /// repairs a half-done report.
    /// </summary>
    public async Task ReportOutcomeAsync(string customerKey, NbaOutcome outcome)
    {
        if (outcome is null || string.IsNullOrWhiteSpace(outcome.OutcomeId) || outcome.OutcomeId.Length > 64
            || outcome.DecisionId == Guid.Empty || string.IsNullOrEmpty(outcome.OfferId) || !Enum.IsDefined(outcome.Outcome))
            throw new CampaignException(CampaignErrors.OfferInvalid, "outcome id (1–64 characters), decision id, offer id and a known outcome are needed");
        var record = await log.FindAsync(outcome.DecisionId, outcome.OfferId);
        if (record is null || record.CustomerKey != customerKey)
            throw new CampaignException(CampaignErrors.OfferInvalid, "no such decision for this person");
        var ledger = customers.RecordOutcomeAsync(customerKey, new ContactOutcomeReport(
            $"nba:{outcome.DecisionId:N}:{outcome.OutcomeId}", record.Channel, outcome.Outcome, record.ContactId, record.OfferId),
            confirm: outcome.Outcome is not ContactOutcome.NoResponse);
        var logged = log.AppendOutcomeAsync(new NbaOutcomeRecord(outcome.DecisionId, outcome.OutcomeId, record.OfferId, outcome.Outcome, clock.GetUtcNow()));
        // Decisions see the new posterior within a second (OfferPosteriors): a posterior that changed with every
        // outcome would make every selection probability a new integration (SelectionProbabilities caches by state).
        var learnt = grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(record.OfferId, record.Channel))
            .Reward(outcome.DecisionId, outcome.Outcome);
        await Task.WhenAll(ledger, logged, learnt);
    }

    /// <summary>Gives the reserved contact of a chosen offer back (a call that did not happen).</summary>
    public async Task ReleaseAsync(string customerKey, Guid decisionId, string offerId)
    {
        var record = await log.FindAsync(decisionId, offerId ?? "");
        if (record is null || record.CustomerKey != customerKey)
            throw new CampaignException(CampaignErrors.OfferInvalid, "no such decision for this person");
        await customers.ReleaseAsync(customerKey, record.ContactId);
    }

    private static void Check(NbaRequest request)
    {
        if (request is null || request.DecisionId == Guid.Empty || string.IsNullOrWhiteSpace(request.CustomerKey)
            || request.CustomerKey.Length > 100 || !Enum.IsDefined(request.Channel) || !Enum.IsDefined(request.Source)
            || request.Max is < 1 or > MaxOffersPerDecision || request.ReservationTtl is { TotalMinutes: < 1 or > 1440 } || string.IsNullOrWhiteSpace(request.Placement) || request.Placement.Length > 40)
            throw new CampaignException(CampaignErrors.OfferInvalid,
                $"a decision needs a decision id, a customer, a known channel and source, a placement (1–40 characters), 1–{MaxOffersPerDecision} offers and a reservation of 1 minute to 1 day");
    }
}
