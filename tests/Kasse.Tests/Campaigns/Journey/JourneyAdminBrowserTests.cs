using System.Net.Http.Json;
using Kasse.Tests.Browser;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>The admin page "Customer Journey und Erfolg" in Chromium: the funnel of a tariff as a table and a chart.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class JourneyAdminBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_sees_the_funnel_of_a_tariff_as_table_and_chart_from_the_local_chart_library()
    {
        var tariff = "Browser-" + Guid.NewGuid().ToString("N")[..8];
        using var insured = host.Host.CreateClient(await host.Host.SignInAsync("A123456780"));
        foreach (var kind in new[] { "TariffViewed", "TariffSelected" })
        {
            using var posted = await insured.PostAsJsonAsync("/api/customer/journey", new { eventId = Guid.NewGuid().ToString(), kind, tariff, channel = "app" });
            posted.EnsureSuccessStatusCode();
        }

        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        context.Request += (_, request) => requests.Enqueue(request.Url);
        var page = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        var violations = BrowserSteps.CollectPolicyViolations(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Customer Journey und Erfolg" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(page, "/admin/journey/");

        await page.Locator("#funnel-tariff").FillAsync(tariff);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktualisieren" }).ClickAsync();
        var row = page.Locator($"#funnel-rows tr[data-tariff='{tariff}'] td");
        await Assertions.Expect(row.Nth(2)).ToHaveTextAsync("1", Text);
        await Assertions.Expect(row.Nth(3)).ToHaveTextAsync("1", Text);
        await Assertions.Expect(row.Nth(5)).ToHaveTextAsync("0", Text);

        // The chart is drawn by Chart.js with the same numbers: labels, one bar per step.
        var chart = await page.EvaluateAsync<string>(
            "() => { const c = Chart.getChart(document.getElementById('funnel-chart')); return JSON.stringify([c.data.labels, c.data.datasets.map(d => d.data[0])]); }");
        Assert.Equal($"[[\"{tariff}\"],[1,1,0,0]]", chart);
        Assert.Contains(requests, url => url.EndsWith("/lib/chartjs/chart.umd.min.js", StringComparison.Ordinal));
        Assert.All(requests, url => Assert.StartsWith(host.Host.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
        Assert.Empty(violations);
    }
}
