using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Kasse.Tests.Browser;

/// <summary>A person in a real browser: the landing page, the development sign-in and the portal.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class LandingAndSignInBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Insured_person_signs_in_from_the_landing_page_and_sees_own_master_data_in_the_portal()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen" })).ToBeVisibleAsync();

        await page.GetByText("Entwicklungs-Anmeldung").ClickAsync();
        await BrowserSteps.ChooseUserAsync(page, "A123456780", "/portal/");

        await Assertions.Expect(page.Locator("#content")).ToContainTextAsync("Anna Bergmann, geboren am 12.3.1984");
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("Angemeldet als Anna Bergmann");
    }

    [Fact]
    public async Task Landing_page_of_the_embedded_default_says_that_data_is_kept_in_memory_and_how_to_switch_to_PostgreSQL()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var notice = page.Locator("#storage-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(notice).ToContainTextAsync("nur im Arbeitsspeicher", new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(notice).ToContainTextAsync("nach einem Neustart verloren");
        await Assertions.Expect(notice).ToContainTextAsync("ConnectionStrings__Kasse");
    }
}
