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
        var offers = new List<CompiledOffer>();
        var candidates = new List<ArbitrationCandidate>();
        foreach (var offer in compiled.Offers)
        {
            var weight = offer.Weight(request.Channel, facts);
            if (weight <= 0 || !offer.Holds(facts))
                continue;
            var posterior = await posteriors.GetAsync(offer.Definition.Id, request.Channel);
            offers.Add(offer);
            candidates.Add(new ArbitrationCandidate(offer.Definition.Id, posterior.Alpha, posterior.Beta, weight));
        }
        if (candidates.Count == 0)
            return new NbaDecision(request.DecisionId, []);

        var random = new Random(SelectionProbabilities.StableSeed(request.DecisionId.ToString("N")));
        var (order, scores) = ThompsonArbitration.Rank(candidates, random);
        var out_ = new bool[candidates.Count]; // refused by the policy, or chosen already
        var chosen = new List<OfferSuggestion>();
        var records = new List<NbaDecisionRecord>();
        var now = clock.GetUtcNow();
        foreach (var index in order)
        {
            if (chosen.Count == request.Max)
                break;
            var offer = offers[index].Definition;
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
            var probability = ProbabilityOf(index, candidates, out_);
            out_[index] = true;
            chosen.Add(new OfferSuggestion(offer.Id, contactId, offer.Tariff, offer.De, offer.En, probability, scores[index]));
            records.Add(new NbaDecisionRecord(request.DecisionId, offer.Id, request.CustomerKey, now, request.Channel, request.Source,
                request.Placement, contactId, chosen.Count, probability, scores[index], candidates.Count, compiled.Version.Version));
        }
        if (records.Count > 0)
            await log.AppendDecisionsAsync(records);
        return new NbaDecision(request.DecisionId, chosen);
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
        // outcome would make every selection probability a new Monte Carlo estimate.
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

    private double ProbabilityOf(int index, List<ArbitrationCandidate> candidates, bool[] excluded)
    {
        var remaining = new List<ArbitrationCandidate>(candidates.Count);
        var position = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i == index)
                position = remaining.Count;
            else if (excluded[i])
                continue;
            remaining.Add(candidates[i]);
        }
        return probabilities.Of(remaining)[position];
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
