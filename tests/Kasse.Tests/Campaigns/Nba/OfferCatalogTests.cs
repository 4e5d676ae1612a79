using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;

namespace Kasse.Tests.Campaigns.Nba;

public sealed class OfferCatalogTests
{
    private static CompiledOfferCatalog Demo() =>
        CompiledOfferCatalog.Compile(new OfferCatalogVersion(1, DemoOfferCatalog.Document, DateTimeOffset.UnixEpoch, "test"));

    [Fact]
    public void The_demo_catalogue_compiles_with_five_offers()
    {
        var catalog = Demo();
        Assert.Equal(
            ["krankengeld-wahltarif", "selbstbehalt", "zahnzusatz-partner", "bonusprogramm", "praeventionskurs"],
            catalog.Offers.Select(o => o.Definition.Id));
    }

    [Fact]
    public void Rules_decide_eligibility_applicability_and_suitability()
    {
        var catalog = Demo();
        var krankengeld = catalog.ById["krankengeld-wahltarif"];
        Assert.True(krankengeld.Holds(SimulatedCustomers.FactsOf("c-1", age: 35)));
        Assert.False(krankengeld.Holds(SimulatedCustomers.FactsOf("c-1", age: 17)));            // not eligible
        Assert.False(krankengeld.Holds(SimulatedCustomers.FactsOf("c-1", tariff: "Krankengeld"))); // has it already
        Assert.False(krankengeld.Holds(SimulatedCustomers.FactsOf("c-1", age: 62)));            // not suitable
        Assert.False(catalog.ById["bonusprogramm"].Holds(SimulatedCustomers.FactsOf("c-1", bonusProgramme: true)));
    }

    [Fact]
    public void Weight_is_context_weight_times_value_times_lever_and_boosts_the_tariff_viewed_last()
    {
        var catalog = Demo();
        var selbstbehalt = catalog.ById["selbstbehalt"];
        Assert.Equal(80.0, selbstbehalt.Weight(ContactChannel.Banner, SimulatedCustomers.FactsOf("c-1")));
        Assert.Equal(240.0, selbstbehalt.Weight(ContactChannel.Banner, SimulatedCustomers.FactsOf("c-1", lastTariffViewed: "Selbstbehalt")));
        Assert.Equal(64.0, selbstbehalt.Weight(ContactChannel.Phone, SimulatedCustomers.FactsOf("c-1")), 9);
        Assert.Equal(0.0, catalog.ById["praeventionskurs"].Weight(ContactChannel.Phone, SimulatedCustomers.FactsOf("c-1")));
    }

    [Fact]
    public void An_invalid_catalogue_is_refused_with_every_reason()
    {
        var good = DemoOfferCatalog.Document.Offers[0];
        var document = new OfferCatalogDocument(
        [
            good with { Eligibility = "input.Alter >= 18" },
            good with { BusinessValue = 0 },
            good with { Id = "Bad Id" },
        ]);
        var errors = CompiledOfferCatalog.Validate(document);
        Assert.Contains(errors, e => e.Contains("eligibility", StringComparison.Ordinal) && e.Contains("Alter", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("business value", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("the id is used twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("offer 3: the id", StringComparison.Ordinal));
        var thrown = Assert.Throws<CampaignException>(() => CompiledOfferCatalog.Compile(new OfferCatalogVersion(2, document, DateTimeOffset.UnixEpoch, "test")));
        Assert.Equal(CampaignErrors.OfferInvalid, thrown.Code);
    }
}
