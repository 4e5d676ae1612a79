using System.Net.Http.Json;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Http;

/// <summary>
/// Behind a TLS-terminating proxy the page cookie is <c>Secure</c>: X-Forwarded-Proto counts from trusted proxies
/// only. Loopback is trusted by default (a proxy on the same machine); a configured list replaces that default.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class ForwardedHeadersTests(EmbeddedHostFixture fixture)
{
    [Fact]
    public async Task Https_forwarded_by_a_trusted_proxy_makes_the_page_cookie_secure_and_from_anybody_else_does_not()
    {
        // By default loopback is a trusted proxy: the test's requests come from 127.0.0.1.
        var behindProxy = await SignInCookieAsync(fixture.Host, forwardedProto: "https");
        // Configured, only the listed proxy counts; 127.0.0.1 is then just a client that claims HTTPS.
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string> { ["Http:KnownProxies:0"] = "10.9.8.7" });
        var fromElsewhere = await SignInCookieAsync(host, forwardedProto: "https");

        Assert.Contains("secure", behindProxy);
        Assert.Contains("httponly", behindProxy);
        Assert.DoesNotContain("secure", fromElsewhere);
        Assert.Contains("httponly", fromElsewhere);
    }

    /// <summary>The attributes of the page cookie the development sign-in sets (lower case, without the value).</summary>
    private static async Task<IReadOnlyList<string>> SignInCookieAsync(KasseTestHost host, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/token") { Content = JsonContent.Create(new { userId = "admin" }) };
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return [.. cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.Split('=')[0].ToLowerInvariant())];
    }
}
