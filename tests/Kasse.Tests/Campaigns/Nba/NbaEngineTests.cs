using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>The engine through its grain on the real server, with the customers behind the engine's seam.</summary>
public sealed class NbaEngineTests(NbaHostFixture fixture) : IClassFixture<NbaHostFixture>
{
    private INbaGrain Nba => fixture.Grains.GetGrain<INbaGrain>(0);

    private string NewCustomer(int age = 35, string? tariff = null, string? lastTariffViewed = null)
    {
        var key = $"c-test-{Guid.NewGuid():N}";
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age, tariff, lastTariffViewed);
        return key;
    }

    private static NbaRequest Banner(string customerKey, int max = 1) =>
        new(Guid.NewGuid(), customerKey, ContactChannel.Banner, ContactSource.Banner, "portal-start", max);

    [Fact]
    public async Task A_decision_reserves_the_offer_and_logs_it_with_its_probability()
    {
        var customer = NewCustomer();
        var request = Banner(customer);
        var decision = await Nba.Decide(request);

        var offer = Assert.Single(decision.Offers);
        Assert.InRange(offer.Probability, double.Epsilon, 1.0);
        var (reservedFor, reservation) = fixture.Customers.Reserved[offer.ContactId];
        Assert.Equal(customer, reservedFor);
        Assert.Equal((ContactSource.Banner, ContactPurpose.Marketing, ContactChannel.Banner, offer.OfferId),
            (reservation.Source, reservation.Purpose, reservation.Channel, reservation.OfferId));
        var logged = await fixture.DecisionLog.FindAsync(request.DecisionId, offer.OfferId);
        Assert.NotNull(logged);
        Assert.Equal((customer, offer.Probability, offer.ContactId, 1), (logged.CustomerKey, logged.Probability, logged.ContactId, logged.Rank));

        // Asking again with the same decision id reserves nothing more and answers the same.
        var again = await Nba.Decide(request);
        Assert.Equal(offer.OfferId, Assert.Single(again.Offers).OfferId);
        Assert.Single(fixture.Customers.Reserved, r => r.Key.Contains(request.DecisionId.ToString("N"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_offers_whose_rules_hold_are_chosen()
    {
        // 17 years old, in the bonus programme: only the prevention course remains on the banner.
        var key = $"c-test-{Guid.NewGuid():N}";
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 17, bonusProgramme: true);
        var decision = await Nba.Decide(Banner(key, max: 5));
        var offer = Assert.Single(decision.Offers);
        Assert.Equal("praeventionskurs", offer.OfferId);
        Assert.Equal(1.0, offer.Probability);
    }

    [Fact]
    public async Task A_policy_refusal_skips_to_the_next_offer_and_the_probability_counts_only_the_rest()
    {
        // 17 years old: only the prevention course and the bonus programme (the heavier) hold; the policy refuses the
        // programme. When the programme ranks first, it is refused and the course is the only candidate left (1.0);
        // when the course ranks first, the programme is never asked and the course had its share of both (< 1).
        var key = $"c-test-{Guid.NewGuid():N}";
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 17);
        fixture.Customers.RefusedOffers["bonusprogramm"] = true;
        try
        {
            var probabilities = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var decision = await Nba.Decide(Banner(key));
                var offer = Assert.Single(decision.Offers);
                Assert.Equal("praeventionskurs", offer.OfferId);
                probabilities.Add(offer.Probability);
            }
            Assert.Contains(1.0, probabilities);
            Assert.All(probabilities, p => Assert.InRange(p, double.Epsilon, 1.0));
            Assert.DoesNotContain(fixture.Customers.Reserved.Values, r => r.CustomerKey == key && r.Request.OfferId == "bonusprogramm");
        }
        finally
        {
            fixture.Customers.RefusedOffers.TryRemove("bonusprogramm", out _);
        }
    }

    [Fact]
    public async Task An_objection_or_unknown_customer_gets_no_offer()
    {
        var objected = $"c-test-{Guid.NewGuid():N}";
        fixture.Customers.Facts[objected] = SimulatedCustomers.FactsOf(objected) with { ObjectedToTargeting = true };
        Assert.Empty((await Nba.Decide(Banner(objected))).Offers);
        Assert.Empty((await Nba.Decide(Banner("c-nobody"))).Offers);
    }

    [Fact]
    public async Task Several_offers_for_the_agent_desktop_are_distinct_and_ranked()
    {
        var customer = NewCustomer(age: 30);
        var decision = await Nba.Decide(new NbaRequest(Guid.NewGuid(), customer, ContactChannel.AgentDesktop, ContactSource.AgentSuggestion, "agent-desktop", 3));
        Assert.Equal(3, decision.Offers.Count);
        Assert.Equal(3, decision.Offers.Select(o => o.OfferId).Distinct().Count());
        Assert.True(decision.Offers[0].Score >= decision.Offers[1].Score && decision.Offers[1].Score >= decision.Offers[2].Score);
        Assert.All(decision.Offers, o => Assert.InRange(o.Probability, double.Epsilon, 1.0));
    }

    [Fact]
    public async Task Outcomes_confirm_the_contact_and_teach_the_learner_once()
    {
        var customer = NewCustomer();
        var decision = await Nba.Decide(Banner(customer));
        var offer = Assert.Single(decision.Offers);
        var learner = fixture.Grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(offer.OfferId, ContactChannel.Banner));
        var before = await learner.GetPosterior();

        await Nba.ReportOutcome(customer, new NbaOutcome("seen-1", decision.DecisionId, offer.OfferId, ContactOutcome.Impression));
        await Nba.ReportOutcome(customer, new NbaOutcome("seen-1", decision.DecisionId, offer.OfferId, ContactOutcome.Impression));
        var afterImpression = await learner.GetPosterior();
        Assert.Equal((before.Trials + 1, before.Successes), (afterImpression.Trials, afterImpression.Successes));
        Assert.True(fixture.Customers.Confirmed.ContainsKey(offer.ContactId));

        await Nba.ReportOutcome(customer, new NbaOutcome("click-1", decision.DecisionId, offer.OfferId, ContactOutcome.Click));
        await Nba.ReportOutcome(customer, new NbaOutcome("accept-1", decision.DecisionId, offer.OfferId, ContactOutcome.Accept));
        var after = await learner.GetPosterior();
        Assert.Equal((before.Trials + 1, before.Successes + 1), (after.Trials, after.Successes));
        Assert.Equal(3, fixture.Customers.Outcomes.Values.Count(o => o.ContactId == offer.ContactId));
    }

    [Fact]
    public async Task Someone_elses_decision_cannot_be_reported()
    {
        var customer = NewCustomer();
        var decision = await Nba.Decide(Banner(customer));
        var offer = Assert.Single(decision.Offers);
        var refused = await Assert.ThrowsAsync<CampaignException>(() =>
            Nba.ReportOutcome(NewCustomer(), new NbaOutcome("x-1", decision.DecisionId, offer.OfferId, ContactOutcome.Accept)));
        Assert.Equal(CampaignErrors.OfferInvalid, refused.Code);
    }

    [Fact]
    public async Task A_malformed_request_is_refused()
    {
        var refused = await Assert.ThrowsAsync<CampaignException>(() => Nba.Decide(Banner(NewCustomer(), max: 9)));
        Assert.Equal(CampaignErrors.OfferInvalid, refused.Code);
    }
}
