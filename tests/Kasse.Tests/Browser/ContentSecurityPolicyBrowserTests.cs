using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>The pages under their Content-Security-Policy: everything they need comes from this site, nothing is refused.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_landing_page_sign_in_administration_rules_and_dashboard_run_without_a_policy_violation()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        var violations = BrowserSteps.CollectPolicyViolations(page);

        await OpenAsync(page, "/");
        await Assertions.Expect(page.Locator("#dev-signin")).ToBeVisibleAsync(Visible);
        await OpenAsync(page, "/dev/signin");
        await BrowserSteps.ChooseUserAsync(page, "admin", "/admin/");
        await Assertions.Expect(page.Locator("#silos tr")).ToHaveCountAsync(1, Count);
        await OpenAsync(page, "/admin/rules/");
        await Assertions.Expect(page.Locator("#rulesets tr").First).ToBeVisibleAsync(Visible);
        await OpenAsync(page, "/dashboard/");
        await Assertions.Expect(page.Locator("#menu a").First).ToBeVisibleAsync(Visible);

        Assert.Empty(violations);
    }

    /// <summary>Opens a page and checks that it came with a policy that allows no script from elsewhere.</summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        var policy = response is null ? null : await response.HeaderValueAsync("content-security-policy");
        Assert.True(policy?.Contains("script-src 'self'", StringComparison.Ordinal) == true, $"{path}: policy '{policy}'");
    }

    [Fact]
    public async Task A_signed_out_visit_to_the_dashboard_leads_through_the_sign_in_back_to_the_dashboard()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard");
        await BrowserSteps.WaitForPathAsync(page, "/dev/signin");
        await BrowserSteps.ChooseUserAsync(page, "admin", "/dashboard/");

        await Assertions.Expect(page.Locator("#menu a").First).ToBeVisibleAsync(Visible);
    }
}
