using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kasse.Tests.Http;

/// <summary>What a production silo adds to its answers, and what it leaves out.</summary>
public sealed class ProductionHttpTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task Https_through_a_trusted_proxy_is_answered_with_hsts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        // HSTS is never sent for localhost; a proxy forwards the public host name.
        request.Headers.Host = "kasse.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await Host.Http.SendAsync(request);

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no Strict-Transport-Security");
        Assert.StartsWith("max-age=", Assert.Single(hsts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_may_connect_to_the_openid_connect_provider_and_nowhere_else()
    {
        using var response = await Host.Http.GetAsync("/signin/");

        var host = Host.BaseAddress.Authority;
        Assert.Equal(["'self'", $"ws://{host}", $"wss://{host}", fixture.AuthorityOrigin], ContentSecurityPolicyHeader.Of(response)["connect-src"]);
    }

    [Fact]
    public void Unreadable_requests_go_to_the_same_bad_request_handler_as_in_development()
    {
        // ASP.NET Core answers them with a bare 400 outside Development; here they throw to BadRequestExceptionHandler,
        // so the problem details are the same in every environment (MalformedRequestTests shows the answer).
        Assert.True(Host.Services.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest);
    }

    [Fact]
    public void The_benchmark_echo_hub_is_not_mapped()
    {
        var endpoints = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText?.StartsWith(EchoHub.Path, StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.StartsWith("/hubs/customer", StringComparison.OrdinalIgnoreCase) == true);
    }
}
