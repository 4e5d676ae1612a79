using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Http;

/// <summary>Every answer says: scripts and styles from this site only, no framing, no sniffing, no referrer.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed partial class SecurityHeadersTests(EmbeddedHostFixture fixture)
{
    private KasseTestHost Host => fixture.Host;

    [Theory]
    [InlineData("/")]
    [InlineData("/portal/")]
    [InlineData("/admin/rules/")]
    [InlineData("/signin/")]
    [InlineData("/js/session.js")]
    [InlineData("/dev/signin")]
    [InlineData("/api/me/")]
    [InlineData("/hubs/customer")]
    public async Task Pages_static_files_and_api_answers_allow_only_own_scripts_and_no_framing(string path)
    {
        using var response = await Host.Http.GetAsync(path);

        var policy = ContentSecurityPolicyHeader.Of(response);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Equal(["'self'"], policy["style-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal(["'none'"], policy["object-src"]);
        Assert.Equal(["'self'"], policy["base-uri"]);
        var host = Host.BaseAddress.Authority;
        Assert.Equal(["'self'", $"ws://{host}", $"wss://{host}"], policy["connect-src"]);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task The_api_reference_runs_only_its_own_start_script_by_a_nonce_of_this_response()
    {
        using var response = await Host.Http.GetAsync("/api-docs/");
        var html = await response.Content.ReadAsStringAsync();

        var nonces = NonceAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var nonce = Assert.Single(nonces);
        var policy = ContentSecurityPolicyHeader.Of(response);
        Assert.Equal(["'self'", $"'nonce-{nonce}'"], policy["script-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.DoesNotContain(policy["connect-src"], source => source.Contains("scalar", StringComparison.OrdinalIgnoreCase));

        using var again = await Host.Http.GetAsync("/api-docs/");
        Assert.DoesNotContain(nonce, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();
}
