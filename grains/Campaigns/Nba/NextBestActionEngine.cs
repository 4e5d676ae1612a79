using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// One decision: the offers whose rules hold for the person (eligibility ∧ applicability ∧ suitability) and that have
/// a weight on the channel are ranked by sampled propensity × context weight × business value × lever; the best is
/// reserved under the contact policy, and when the policy refuses it the next one is tried. Each chosen offer is logged
/// with the probability the sampling gave it among the candidates the policy did not refuse.
/// </summary>
public sealed class NextBestActionEngine(
    ActiveOfferCatalog catalog,
    OfferPosteriors posteriors,
    SelectionProbabilities probabilities,
    INbaDecisionLog log,
    INbaCustomers customers,
    IGrainFactory grains,
    TimeProvider clock)
{
    public const int MaxOffersPerDecision = 5;

    public static string ContactIdOf(Guid decisionId, string offerId) => $"nba:{decisionId:N}:{offerId}";

    public async Task<NbaDecision> DecideAsync(NbaRequest request)
    {
        Check(request);
        var facts = await customers.GetFactsAsync(request.CustomerKey);
        if (facts is null || facts.ObjectedToTargeting)
            return new NbaDecision(request.DecisionId, []);
        var compiled = await catalog.GetAsync();
        var scratch = DecisionScratch.Rent(compiled.Offers.Count);
        try
        {
            var count = 0;
            for (var o = 0; o < compiled.Offers.Count; o++)
            {
                var offer = compiled.Offers[o];
                var weight = offer.Weight(request.Channel, facts);
                if (weight <= 0 || !offer.Holds(facts))
                    continue;
                var posterior = await posteriors.GetAsync(offer.Definition.Id, request.Channel);
                scratch.Offers[count] = offer;
                scratch.Candidates[count] = new ArbitrationCandidate(offer.Definition.Id, posterior.Alpha, posterior.Beta, weight);
                count++;
            }
            if (count == 0)
                return new NbaDecision(request.DecisionId, []);
            return await ChooseAsync(request, compiled, scratch, count);
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    /// <summary>Ranks the candidates in <paramref name="scratch"/> and reserves the best the policy allows.</summary>
    private async Task<NbaDecision> ChooseAsync(NbaRequest request, CompiledOfferCatalog compiled, DecisionScratch scratch, int count)
    {
        Rank(request.DecisionId, scratch, count);
        var out_ = scratch.Out; // refused by the policy, or chosen already
        var chosen = new List<OfferSuggestion>(Math.Min(request.Max, count));
        List<NbaDecisionRecord>? records = null;
        var now = clock.GetUtcNow();
        for (var r = 0; r < count; r++)
        {
            if (chosen.Count == request.Max)
                break;
            var index = scratch.Order[r];
            var offer = scratch.Offers[index]!.Definition;
            var contactId = ContactIdOf(request.DecisionId, offer.Id);
            var decision = await customers.ReserveAsync(request.CustomerKey,
                new ContactRequest(contactId, request.Source, offer.Purpose, request.Channel, OfferId: offer.Id, ReservationTtl: request.ReservationTtl));
            if (!decision.Granted)
            {
                out_[index] = true;
                if (decision.Refusal is ContactRefusal.Objection or ContactRefusal.UnknownCustomer)
                    break; // every other offer would be refused as well
                continue;
            }
            var probability = ProbabilityOf(index, scratch, count);
            out_[index] = true;
            var score = scratch.Scores[index];
            chosen.Add(new OfferSuggestion(offer.Id, contactId, offer.Tariff, offer.De, offer.En, probability, score));
            (records ??= new List<NbaDecisionRecord>(Math.Min(request.Max, count))).Add(new NbaDecisionRecord(
                request.DecisionId, offer.Id, request.CustomerKey, now, request.Channel, request.Source,
                request.Placement, contactId, chosen.Count, probability, score, count, compiled.Version.Version));
        }
        if (records is not null)
            await log.AppendDecisionsAsync(records);
        return new NbaDecision(request.DecisionId, chosen);
    }

    /// <summary>Thompson sampling with draws that depend only on the decision id (asking again ranks alike).</summary>
    private static void Rank(Guid decisionId, DecisionScratch scratch, int count)
    {
        var random = DecisionRandom.For(decisionId);
        ThompsonArbitration.Rank(scratch.Candidates.AsSpan(0, count), ref random, scratch.Scores.AsSpan(0, count), scratch.Order.AsSpan(0, count));
    }

    /// <summary>
    /// Confirms the contact when the offer was shown, records the outcome in the customer's ledger and in the decision
    /// log, and rewards the learner (each idempotent, so a retry repairs a half-done report).
    /// </summary>
    public async Task ReportOutcomeAsync(string customerKey, NbaOutcome outcome)
    {
        if (outcome is null || string.IsNullOrWhiteSpace(outcome.OutcomeId) || outcome.OutcomeId.Length > 64
            || outcome.DecisionId == Guid.Empty || string.IsNullOrEmpty(outcome.OfferId) || !Enum.IsDefined(outcome.Outcome))
            throw new CampaignException(CampaignErrors.OfferInvalid, "outcome id (1–64 characters), decision id, offer id and a known outcome are needed");
        var record = await log.FindAsync(outcome.DecisionId, outcome.OfferId);
        if (record is null || record.CustomerKey != customerKey)
            throw new CampaignException(CampaignErrors.OfferInvalid, "no such decision for this person");
        if (outcome.Outcome is not ContactOutcome.NoResponse)
            await customers.ConfirmAsync(customerKey, record.ContactId);
        await customers.RecordOutcomeAsync(customerKey, new ContactOutcomeReport(
            $"nba:{outcome.DecisionId:N}:{outcome.OutcomeId}", record.Channel, outcome.Outcome, record.ContactId, record.OfferId));
        await log.AppendOutcomeAsync(new NbaOutcomeRecord(outcome.DecisionId, outcome.OutcomeId, record.OfferId, outcome.Outcome, clock.GetUtcNow()));
        // Decisions see the new posterior within a second (OfferPosteriors): a posterior that changed with every
        // outcome would make every selection probability a new integration (SelectionProbabilities caches by state).
        await grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(record.OfferId, record.Channel))
            .Reward(outcome.DecisionId, outcome.Outcome);
    }

    /// <summary>Gives the reserved contact of a chosen offer back (a call that did not happen).</summary>
    public async Task ReleaseAsync(string customerKey, Guid decisionId, string offerId)
    {
        var record = await log.FindAsync(decisionId, offerId ?? "");
        if (record is null || record.CustomerKey != customerKey)
            throw new CampaignException(CampaignErrors.OfferInvalid, "no such decision for this person");
        await customers.ReleaseAsync(customerKey, record.ContactId);
    }

    /// <summary>The probability that the sampling ranks candidate <paramref name="index"/> first among those not out yet.</summary>
    private double ProbabilityOf(int index, DecisionScratch scratch, int count)
    {
        var remaining = scratch.Remaining;
        var size = 0;
        var position = -1;
        for (var i = 0; i < count; i++)
        {
            if (i == index)
                position = size;
            else if (scratch.Out[i])
                continue;
            remaining[size++] = scratch.Candidates[i];
        }
        return probabilities.Of(remaining.AsSpan(0, size))[position];
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
