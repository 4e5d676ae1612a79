using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web.Http;

/// <summary>
/// Behind a TLS-terminating proxy the gateway sees plain HTTP from the proxy's address. It takes the client's address
/// and scheme from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, but only from proxies it was told to trust
/// (<see cref="HttpProxyOptions"/>); anybody else could claim any address or HTTPS. Without configuration ASP.NET
/// Core's default stands: only loopback (a proxy on the same machine) is trusted. A configured list replaces that
/// default, so loopback counts only when listed.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddKasseForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(HttpProxyOptions.Section).Get<HttpProxyOptions>() ?? new HttpProxyOptions();
        // Parsed here, so a mistyped address stops the start instead of the first request.
        var addresses = proxies.KnownProxies.Select(IPAddress.Parse).ToList();
        var networks = proxies.KnownNetworks.Select(System.Net.IPNetwork.Parse).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (!proxies.IsConfigured)
                return;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            addresses.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }
}
