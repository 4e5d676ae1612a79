using Microsoft.AspNetCore.Http;

namespace Kasse.Web.Http;

/// <summary>
/// The Content-Security-Policy of each kind of response. Scripts and styles come from this site only: the UIs are ES
/// modules and stylesheets without inline code, so an injected script or style attribute does nothing. No site may
/// frame the pages. Pages connect to this site (HTTP and the hubs' WebSockets) and to the OpenID Connect provider
/// (discovery, token endpoint) and nowhere else.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string Common = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The UIs (and every response that is not one of the two below): the strict policy.</summary>
    public static string ForPages(HostString host, string? authorityOrigin) =>
        $"{Common}; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src {ConnectSources(host, authorityOrigin)}";

    /// <summary>
    /// The API reference (Scalar): its start script is inline and carries the per-request nonce; the reference sets
    /// styles at run time. It loads nothing from elsewhere (see <c>WebSetup.MapKasseWeb</c>), and this policy holds it to that.
    /// </summary>
    public static string ForApiReference(HostString host, string nonce) =>
        $"{Common}; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src {ConnectSources(host, null)}";

    /// <summary>The Orleans dashboard: its own scripts from this site; its charts set inline styles.</summary>
    public static string ForDashboard(HostString host) =>
        $"{Common}; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src {ConnectSources(host, null)}";

    // 'self' covers ws:/wss: to the same host in CSP level 3; named as well for browsers that predate it.
    private static string ConnectSources(HostString host, string? authorityOrigin)
    {
        var sources = host.HasValue ? $"'self' ws://{host.Value} wss://{host.Value}" : "'self'";
        return authorityOrigin is null ? sources : $"{sources} {authorityOrigin}";
    }
}
