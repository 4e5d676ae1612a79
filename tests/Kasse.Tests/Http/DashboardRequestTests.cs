using System.Net;
using System.Net.Http.Json;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Http;

/// <summary>
/// The Orleans dashboard behind the gateway: silo addresses in its URLs are checked (400/404, nothing in the log), and
/// a signed-out browser is sent to the sign-in while API clients get 401.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class DashboardRequestTests(EmbeddedHostFixture fixture)
{
    [Fact]
    public async Task A_malformed_or_unknown_silo_address_is_refused_without_a_trace_in_the_log()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await KasseTestHost.StartAsync(configure: builder => builder.Logging.AddProvider(logs));
        using var admin = host.CreateClient(await host.SignInAsync("admin"));
        var silo = Assert.Single(await admin.GetFromJsonAsync<SiloInfo[]>("/api/admin/silos") ?? []).Address;

        foreach (var route in new[] { "SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters", "HistoricalStats" })
        {
            using var malformed = await admin.GetAsync($"/dashboard/{route}/xyz-not-a-silo");
            using var unknown = await admin.GetAsync($"/dashboard/{route}/{Uri.EscapeDataString("10.9.8.7:11111@1")}");
            using var known = await admin.GetAsync($"/dashboard/{route}/{Uri.EscapeDataString(silo)}");

            Assert.Equal((route, HttpStatusCode.BadRequest), (route, malformed.StatusCode));
            Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
            Assert.Equal((route, HttpStatusCode.NotFound), (route, unknown.StatusCode));
            Assert.Equal((route, HttpStatusCode.OK), (route, known.StatusCode));
        }
        Assert.DoesNotContain(logs.Lines, line => line.Contains("xyz-not-a-silo", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("SiloAddress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_out_browser_opening_the_dashboard_is_sent_to_the_sign_in_and_an_api_client_gets_401()
    {
        var host = fixture.Host;
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var pageLoad = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        pageLoad.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var page = await browser.SendAsync(pageLoad);
        using var api = await host.Http.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin/?returnTo=%2Fdashboard%2F", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_silo_configured_without_the_dashboard_collects_nothing_for_it_and_does_not_serve_it()
    {
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string> { [Kasse.Silo.Hosting.DashboardSetting.Key] = "false" });
        using var admin = host.CreateClient(await host.SignInAsync("admin"));

        using var stats = await admin.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.NotFound, stats.StatusCode);
        // Its once-a-second collection is a hosted service of the dashboard's own; none runs here.
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Namespace?.StartsWith("Orleans.Dashboard", StringComparison.Ordinal) == true);
    }

    private sealed record SiloInfo(string Name, string Address, string Status);
}
