using System.Text.RegularExpressions;
using Kasse.Tests.Browser;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>The admin page "Kontaktregeln" in Chromium: an invalid document is refused with its reasons listed, a valid
/// one becomes the active version and heads the list of versions.</summary>
[Collection(PolicyHostCollection.Name)]
public sealed partial class ContactPolicyAdminBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"^Version \d+, veröffentlicht am .+ von .+, \d+ Regeln$")]
    private static partial Regex Summary();

    [Fact]
    public async Task Admin_sees_the_reasons_of_a_refused_policy_then_publishes_a_valid_version()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        var violations = BrowserSteps.CollectPolicyViolations(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontaktregeln" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(page, "/admin/contact-policy/");
        await Assertions.Expect(page.Locator("#active-summary")).ToHaveTextAsync(Summary(), Text);
        await Assertions.Expect(page.Locator("#document")).ToHaveValueAsync(new Regex("\"limits\""), Value);

        await page.Locator("#document").FillAsync("""{"limits":[{"name":"","max":1,"windowDays":0}],"suppressions":[],"quietPeriods":[]}""");
        await page.Locator("#publish").ClickAsync();
        await Assertions.Expect(page.Locator("#publish-errors-box")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("#publish-errors li").Filter(new() { HasText = "limits[0].windowDays must be 1 to 366" })).ToHaveCountAsync(1, Count);
        await Assertions.Expect(page.Locator("#publish-errors li").Filter(new() { HasText = "limits[0].name must have 1 to 200 characters" })).ToHaveCountAsync(1, Count);

        var name = $"Briefe {Guid.NewGuid():N}";
        await page.Locator("#document").FillAsync(
            $$"""{"limits":[{"name":"{{name}}","max":1,"windowDays":7,"channels":["Letter"]}],"suppressions":[],"quietPeriods":[],"reservationTtlMinutes":60}""");
        await page.Locator("#publish").ClickAsync();
        await Assertions.Expect(page.Locator("#publish-result")).ToHaveTextAsync(new Regex(@"^Version \d+ ist aktiv\.$"), Text);
        await Assertions.Expect(page.Locator("#publish-errors-box")).ToBeHiddenAsync(Hidden);
        var version = Regex.Match(await page.Locator("#publish-result").TextContentAsync() ?? "", @"\d+").Value;
        await Assertions.Expect(page.Locator("#active-summary")).ToHaveAttributeAsync("data-version", version, HasAttribute);
        var first = page.Locator("#versions tr").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-version", version, HasAttribute);
        await first.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#version-document")).ToContainTextAsync(name, Contains);
        Assert.Empty(violations);
    }
}
