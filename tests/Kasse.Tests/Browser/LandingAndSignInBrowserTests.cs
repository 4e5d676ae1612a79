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
}
