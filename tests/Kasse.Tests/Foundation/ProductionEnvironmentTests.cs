using System.Net;
using Kasse.Silo;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Development;
using Kasse.Web.Security;
using Microsoft.Extensions.Options;

namespace Kasse.Tests.Foundation;

/// <summary>Outside Development only the configured OpenID Connect authority is trusted.</summary>
public sealed class ProductionEnvironmentTests
{
    [Fact]
    public async Task Development_token_is_refused_and_development_sign_in_is_absent_in_production()
    {
        // An authority nobody listens on: the silo can trust no token at all, least of all a development one.
        var authority = $"http://127.0.0.1:{FreePorts.Next()}/realms/kasse";
        await using var host = await KasseTestHost.StartAsync("Production", new Dictionary<string, string>
        {
            ["Auth:Authority"] = authority,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        var developmentToken = new DevelopmentTokens(Options.Create(new AuthOptions()))
            .Issue(DemoDirectory.FindUser("admin")!, TimeSpan.FromMinutes(5));

        using var client = host.CreateClient(developmentToken);
        using var api = await client.GetAsync("/api/admin/silos");
        using var signIn = await host.Http.GetAsync("/dev/signin");
        using var token = await host.Http.PostAsync("/dev/token", new StringContent("{\"userId\":\"admin\"}", System.Text.Encoding.UTF8, "application/json"));
        using var ready = await host.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        // No such endpoint: an anonymous request meets the fallback policy (401), never the sign-in page.
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.DoesNotContain("Demo-Benutzer", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public void Production_without_a_pseudonym_key_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create(
            ["--environment", "Production", "--Auth:Authority", "https://login.kasse.example/realms/kasse"]));
        Assert.Contains("Privacy:PseudonymKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_without_an_authority_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create(["--environment", "Production"]));
        Assert.Contains("Auth:Authority", error.Message, StringComparison.Ordinal);
    }
}
