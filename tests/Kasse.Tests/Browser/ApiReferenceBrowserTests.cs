using System.Collections.Concurrent;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>The API reference in a real browser: it works offline (a Kasse's network has no internet) and offers nothing of its vendor.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ApiReferenceBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_api_reference_shows_the_api_loads_nothing_from_elsewhere_and_offers_no_vendor_services()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        var requested = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        var violations = BrowserSteps.CollectPolicyViolations(page);

        await page.GotoAsync("/api-docs");

        await Assertions.Expect(page.GetByText("/api/admin/silos").First).ToBeVisibleAsync(Visible);
        foreach (var offer in new[] { "Ask AI", "Deploy", "Generate SDK", "Generate MCP" })
            await Assertions.Expect(page.GetByText(offer).Filter(new() { Visible = true })).ToHaveCountAsync(0, Count);
        var elsewhere = requested
            .Where(url => url.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            .Where(url => new Uri(url).Authority != host.Host.BaseAddress.Authority)
            .ToList();
        Assert.Empty(elsewhere);
        Assert.Empty(violations);
    }
}
