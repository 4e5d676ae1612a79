using Kasse.Campaigns;
using Kasse.Tests.Browser;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>The portal banner and the offers admin page in Chromium.</summary>
public sealed class NbaBrowserTests(BrowserFixture browser, NbaHostFixture fixture) : IClassFixture<BrowserFixture>, IClassFixture<NbaHostFixture>
{
    private const string Anna = "A123456780";

    [Fact]
    public async Task The_portal_shows_a_banner_and_reports_the_impression_and_the_click()
    {
        var key = fixture.Pseudonyms.KeyOf(Anna);
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 40);
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, fixture.Host.BaseAddress);
        var portal = await BrowserSteps.SignInAsync(context, Anna, "/portal/");
        var violations = BrowserSteps.CollectPolicyViolations(portal);

        var banner = portal.Locator("#nba-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(Visible);
        var offerId = await banner.GetAttributeAsync("data-offer-id");
        await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Customers.Outcomes.Values.Count(o => o.OfferId == offerId && o.Outcome == ContactOutcome.Impression)),
            count => count >= 1, TimeSpan.FromSeconds(10), "the impression reported");

        await banner.Locator(".nba-banner-action").ClickAsync();
        await Assertions.Expect(banner).ToContainTextAsync("Danke", Contains);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Customers.Outcomes.Values.Count(o => o.OfferId == offerId && o.Outcome == ContactOutcome.Click)),
            count => count >= 1, TimeSpan.FromSeconds(10), "the click reported");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_admin_page_lists_the_offers_with_what_was_learnt()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, fixture.Host.BaseAddress);
        var page = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        var violations = BrowserSteps.CollectPolicyViolations(page);
        await page.GotoAsync("/admin/offers/");
        await Assertions.Expect(page.Locator("#offers")).ToContainTextAsync("krankengeld-wahltarif", Contains);
        await Assertions.Expect(page.Locator("#active-version")).ToContainTextAsync("Version 1", Contains);
        await Assertions.Expect(page.Locator("#document")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("praeventionskurs"));
        Assert.Empty(violations);
    }
}
