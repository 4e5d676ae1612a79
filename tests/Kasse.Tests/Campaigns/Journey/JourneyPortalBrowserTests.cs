using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Journey;
using Kasse.Tests.Browser;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>The portal sends journey events: a page view on opening, the tariff steps its marked elements report.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class JourneyPortalBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Insured = "A123456780";

    [Fact]
    public async Task The_portal_reports_its_page_view_and_the_marked_tariff_steps()
    {
        var store = host.Host.Services.GetRequiredService<IJourneyEventStore>();
        var key = host.Host.Services.GetRequiredService<CustomerPseudonyms>().KeyOf(Insured);
        var before = (await store.ReadTailAsync(key)).LastSeq;
        var tariff = "Portal-" + Guid.NewGuid().ToString("N")[..8];

        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await BrowserSteps.SignInAsync(context, Insured, "/portal/");
        await Eventually.ReturnsAsync(
            () => store.ReadAsync(key, before, 1000), events => events.Any(e => e.Kind == JourneyEventKind.PageView && e.Page == "/portal/" && e.Channel == "portal"),
            TimeSpan.FromSeconds(15), "portal page view stored");

        // Content that marks a tariff (as an offer banner does): seen → TariffViewed, clicked → TariffSelected.
        await page.EvaluateAsync(
            """
            tariff => {
              const offer = document.createElement("section");
              offer.dataset.journeyView = tariff;
              const choose = document.createElement("button");
              choose.id = "choose-tariff";
              choose.textContent = "Tarif wählen";
              choose.dataset.journeyKind = "TariffSelected";
              choose.dataset.journeyTariff = tariff;
              offer.append(choose);
              document.querySelector("main").prepend(offer);
            }
            """, tariff);
        await page.Locator("#choose-tariff").ClickAsync();

        var events = await Eventually.ReturnsAsync(
            () => store.ReadAsync(key, before, 1000), all => all.Count(e => e.Tariff == tariff) == 2, TimeSpan.FromSeconds(15), "tariff steps stored");
        Assert.Equal([JourneyEventKind.TariffViewed, JourneyEventKind.TariffSelected],
            events.Where(e => e.Tariff == tariff).OrderBy(e => e.Kind).Select(e => e.Kind));
    }
}
