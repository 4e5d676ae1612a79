using System.Net;
using System.Text.Json;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Http;

/// <summary>
/// HTTP requests are limited per signed-in user and, without a valid token, per client address: beyond the budget
/// 429 with Retry-After and problem details. Health probes, hub requests and static files are not limited. The host here has tiny
/// budgets (the defaults are far above what the UIs and the other tests need).
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Burst = 5;
    private KasseTestHost _host = null!;

    public async Task InitializeAsync() => _host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string>
    {
        ["Http:RateLimit:PerUser:PermitsPerSecond"] = "1",
        ["Http:RateLimit:PerUser:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Http:RateLimit:PerAddress:PermitsPerSecond"] = "1",
        ["Http:RateLimit:PerAddress:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_user_beyond_the_budget_gets_429_with_retry_after_while_another_user_goes_on()
    {
        // Two sign-ins cost two of the address's requests; everything after counts per user.
        using var flooding = _host.CreateClient(await _host.SignInAsync("A123456780"));
        using var other = _host.CreateClient(await _host.SignInAsync("T012345678"));

        using var refused = await FloodAsync(flooding, "/api/me/");
        using var otherUser = await other.GetAsync("/api/me/");

        await AssertTooManyRequestsAsync(refused);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task Requests_with_a_refused_token_are_limited_per_address()
    {
        using var forged = _host.CreateClient("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        using var refused = await FloodAsync(forged, "/api/me/");

        await AssertTooManyRequestsAsync(refused);
    }

    [Fact]
    public async Task Health_probes_hub_requests_and_static_files_are_not_limited()
    {
        using var refused = await FloodAsync(_host.Http, "/auth/config");
        await AssertTooManyRequestsAsync(refused);

        for (var i = 0; i < 3 * Burst; i++)
        {
            using var health = await _host.Http.GetAsync("/health/live");
            using var script = await _host.Http.GetAsync("/js/session.js");
            // Anonymous, so the hub refuses it itself; a limited request would get 429 before authorization.
            using var hub = await _host.Http.PostAsync("/hubs/customer/negotiate?negotiateVersion=1", content: null);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        }
    }

    /// <summary>Requests until the first 429 (at most far beyond the budget); returns that answer.</summary>
    private static async Task<HttpResponseMessage> FloodAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 10 * Burst; i++)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return response;
            response.Dispose();
        }
        throw new Xunit.Sdk.XunitException($"{path}: no 429 after {10 * Burst} requests");
    }

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {retryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }
}
