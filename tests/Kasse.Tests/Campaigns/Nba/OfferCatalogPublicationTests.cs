using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>Publishing catalogue versions through the catalogue grain; decisions follow the new version.</summary>
public sealed class OfferCatalogPublicationTests(NbaHostFixture fixture) : IClassFixture<NbaHostFixture>
{
    private IOfferCatalogGrain Catalog => fixture.Grains.GetGrain<IOfferCatalogGrain>(0);

    [Fact]
    public async Task The_demo_catalogue_is_version_one_and_a_new_version_is_used_by_decisions()
    {
        var first = await Catalog.GetActive();
        Assert.Equal(1, first.Version);
        Assert.Equal(5, first.Document.Offers.Count);

        // A new offer, alone on the banner: it starts with Beta(1, 1) and is chosen at once (exploration).
        var newOffer = DemoOfferCatalog.Document.Offers[4] with { Id = "neues-angebot", Eligibility = "input.Age == 44" };
        var published = await Catalog.Publish(new OfferCatalogDocument([.. first.Document.Offers, newOffer]), "admin-test");
        Assert.Equal(2, published.Version);
        Assert.Equal([2, 1], (await Catalog.ListVersions()).Select(v => v.Version));

        var key = $"c-test-{Guid.NewGuid():N}";
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 44, bonusProgramme: true, tariff: "Krankengeld");
        fixture.Customers.RefusedOffers["praeventionskurs"] = true;
        try
        {
            await Eventually.ReturnsAsync(
                async () => (await fixture.Grains.GetGrain<INbaGrain>(0).Decide(
                    new NbaRequest(Guid.NewGuid(), key, ContactChannel.Banner, ContactSource.Banner, "portal", 5))).Offers.Select(o => o.OfferId).ToList(),
                ids => ids.Contains("neues-angebot"),
                TimeSpan.FromSeconds(5),
                "the new catalogue version in decisions");
        }
        finally
        {
            fixture.Customers.RefusedOffers.TryRemove("praeventionskurs", out _);
        }
    }

    [Fact]
    public async Task An_invalid_catalogue_is_not_published()
    {
        var active = await Catalog.GetActive();
        var broken = DemoOfferCatalog.Document.Offers[0] with { Suitability = "input.Gehalt > 1000" };
        var refused = await Assert.ThrowsAsync<CampaignException>(() => Catalog.Publish(new OfferCatalogDocument([broken]), "admin-test"));
        Assert.Equal(CampaignErrors.OfferInvalid, refused.Code);
        Assert.Contains("Gehalt", refused.Message, StringComparison.Ordinal);
        Assert.Equal(active.Version, (await Catalog.GetActive()).Version);
    }
}
