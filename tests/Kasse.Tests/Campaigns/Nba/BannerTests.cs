using System.Net;
using System.Net.Http.Json;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>The banner for the portal and the app over SignalR and HTTP, with outcomes reported back.</summary>
public sealed class BannerTests(NbaHostFixture fixture) : IClassFixture<NbaHostFixture>
{
    private const string Anna = "A123456780";
    private const string Leyla = "Z987654321";

    private string KeyOf(string kvnr, string? lastTariffViewed = null)
    {
        var key = fixture.Pseudonyms.KeyOf(kvnr);
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 40, lastTariffViewed: lastTariffViewed);
        return key;
    }

    [Fact]
    public async Task The_portal_gets_a_banner_over_signalr_and_reports_what_happened()
    {
        var key = KeyOf(Anna);
        var token = await fixture.Host.SignInAsync(Anna);
        await using var hub = fixture.Host.CreateHubConnection(CustomerHub.Path, token);
        await hub.StartAsync();

        var decisionId = Guid.NewGuid();
        var decision = await hub.InvokeAsync<NbaDecision>("GetBanner", decisionId, "portal-start");
        var offer = Assert.Single(decision.Offers);
        Assert.Equal(decisionId, decision.DecisionId);
        Assert.False(string.IsNullOrEmpty(offer.De.Title));
        Assert.Equal(key, fixture.Customers.Reserved[offer.ContactId].CustomerKey);

        await hub.InvokeAsync("ReportBannerOutcome", new NbaOutcome("impression-1", decisionId, offer.OfferId, ContactOutcome.Impression));
        await hub.InvokeAsync("ReportBannerOutcome", new NbaOutcome("click-1", decisionId, offer.OfferId, ContactOutcome.Click));
        Assert.True(fixture.Customers.Confirmed.ContainsKey(offer.ContactId));
        Assert.Equal([ContactOutcome.Impression, ContactOutcome.Click],
            fixture.Customers.Outcomes.Values.Where(o => o.ContactId == offer.ContactId).Select(o => o.Outcome).Order());

        var malformed = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("ReportBannerOutcome", new NbaOutcome("", decisionId, offer.OfferId, ContactOutcome.Click)));
        Assert.Contains(CampaignErrors.OfferInvalid, malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_gets_the_tariff_it_looked_at_last_over_http_while_it_is_still_eligible()
    {
        // The tariff viewed last triples its context weight: Selbstbehalt (80 × 3) then outweighs Krankengeld (120);
        // the sampling still explores, so the test compares how often it wins with and without the view.
        var key = fixture.Pseudonyms.KeyOf(Leyla);
        using var client = fixture.Host.CreateClient(await fixture.Host.SignInAsync(Leyla));

        async Task<List<NbaDecision>> BannersAsync(int count)
        {
            var decisions = new List<NbaDecision>();
            for (var i = 0; i < count; i++)
                decisions.Add((await client.GetFromJsonAsync<NbaDecision>($"/api/customer/banner?decisionId={Guid.NewGuid()}&placement=app-home", Json.Options))!);
            return decisions;
        }

        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 24, bonusProgramme: true) with { Tariff = null };
        var without = (await BannersAsync(40)).Count(d => d.Offers.Single().OfferId == "selbstbehalt");
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 24, bonusProgramme: true, lastTariffViewed: "Selbstbehalt") with { Tariff = null };
        var viewed = await BannersAsync(40);
        var with = viewed.Count(d => d.Offers.Single().OfferId == "selbstbehalt");
        Assert.True(with > without + 5, $"Selbstbehalt won {with} of 40 after the view, {without} of 40 without");

        // Once she has the tariff, it is no longer applicable, however recently she looked at it.
        fixture.Customers.Facts[key] = fixture.Customers.Facts[key] with { Tariff = "Selbstbehalt" };
        Assert.DoesNotContain(await BannersAsync(10), d => d.Offers.Any(o => o.OfferId == "selbstbehalt"));

        var last = viewed[^1];
        var offer = last.Offers[0];
        using var reported = await client.PostAsJsonAsync("/api/customer/banner/outcome",
            new NbaOutcome("accept-1", last.DecisionId, offer.OfferId, ContactOutcome.Accept), Json.Options);
        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
        Assert.True(fixture.Customers.Confirmed.ContainsKey(offer.ContactId));
        var learner = await fixture.Grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(offer.OfferId, ContactChannel.Banner)).GetPosterior();
        Assert.True(learner.Successes >= 1);
    }

    [Fact]
    public async Task Http_refuses_an_outcome_for_someone_elses_decision_as_a_problem()
    {
        var annaKey = KeyOf(Anna);
        var decision = await fixture.Grains.GetGrain<INbaGrain>(0).Decide(
            new NbaRequest(Guid.NewGuid(), annaKey, ContactChannel.Banner, ContactSource.Banner, "portal", 1));
        var offer = Assert.Single(decision.Offers);
        KeyOf(Leyla);
        using var leyla = fixture.Host.CreateClient(await fixture.Host.SignInAsync(Leyla));
        using var response = await leyla.PostAsJsonAsync("/api/customer/banner/outcome",
            new NbaOutcome("steal-1", decision.DecisionId, offer.OfferId, ContactOutcome.Accept), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(CampaignErrors.OfferInvalid, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_insured_persons_get_banners()
    {
        using var anonymous = fixture.Host.CreateClient(null);
        using var response = await anonymous.GetAsync("/api/customer/banner");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var agent = fixture.Host.CreateClient(await fixture.Host.SignInAsync("agent-mueller"));
        using var forbidden = await agent.GetAsync("/api/customer/banner");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
