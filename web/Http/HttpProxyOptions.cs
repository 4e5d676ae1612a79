namespace Kasse.Web.Http;

/// <summary>
/// Configuration section <c>Http</c>: the reverse proxies (load balancers, TLS terminators) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the gateway believes.
/// </summary>
public sealed class HttpProxyOptions
{
    public const string Section = "Http";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Whether anything is configured; if not, ASP.NET Core's default (loopback only) stays.</summary>
    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
