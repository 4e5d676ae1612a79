using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// One decision for a person whose facts are at hand: the offers whose rules hold (eligibility ∧ applicability ∧
/// suitability) and that have a weight on the channel are ranked by sampled propensity × context weight × business
/// value × lever; the best is reserved under the contact policy, and when the policy refuses it the next one is tried.
/// Each chosen offer is logged with the probability the sampling gave it among the candidates the policy did not refuse.
/// Runs in the customer grain's turn (<see cref="ICustomerOffersGrain.DecideOffers"/>), so facts and reservations cost
/// no grain call.
/// </summary>
public sealed class NbaChooser(
    ActiveOfferCatalog catalog,
    OfferPosteriors posteriors,
    SelectionProbabilities probabilities,
    INbaDecisionLog log,
    TimeProvider clock)
{
    public async Task<NbaDecision> ChooseAsync(NbaRequest request, CustomerFacts? facts, IOfferReservations reservations)
    {
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
            return await ReserveBestAsync(request, compiled, scratch, count, reservations);
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    /// <summary>Ranks the candidates in <paramref name="scratch"/> and reserves the best the policy allows.</summary>
    private async Task<NbaDecision> ReserveBestAsync(
        NbaRequest request, CompiledOfferCatalog compiled, DecisionScratch scratch, int count, IOfferReservations reservations)
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
            var contactId = NextBestActionEngine.ContactIdOf(request.DecisionId, offer.Id);
            var decision = await reservations.ReserveOfferAsync(
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
}
