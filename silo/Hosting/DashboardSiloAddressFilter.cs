using Kasse.Web;
using Kasse.Web.Security;

namespace Kasse.Silo.Hosting;

/// <summary>
/// The dashboard's per-silo endpoints (<c>SiloProperties</c>, <c>SiloMetadata</c>, <c>SiloStats</c>,
/// <c>SiloCounters</c>, <c>HistoricalStats</c>) take a silo address from the URL and pass it on unchecked: a malformed
/// one ends in a 500 with a stack trace (and the value) in the log, a made-up one in a call to a silo that does not
/// exist. Checked here first: 400 for what is no silo address, 404 for a silo the cluster does not know.
/// </summary>
public sealed class DashboardSiloAddressFilter(IClusterMembershipService membership) : IEndpointFilter
{
    // The names the dashboard gives the silo address in its routes ("/SiloStats/{*address}", "/HistoricalStats/{*path}").
    private static readonly string[] SiloSegments = ["SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters", "HistoricalStats"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var address = SiloAddressIn(request);
        if (address is null)
            return next(context);
        var silo = Parse(address);
        if (silo is null)
            return ValueTask.FromResult<object?>(Problems.Coded("INVALID_SILO_ADDRESS", "Das ist keine Silo-Adresse."));
        if (!membership.CurrentSnapshot.Members.ContainsKey(silo))
            return ValueTask.FromResult<object?>(Problems.NotFound("Unbekanntes Silo", "Dieses Silo gehört nicht zum Cluster."));
        return next(context);
    }

    /// <summary>The silo address of a per-silo request, or null for any other dashboard request.</summary>
    private static string? SiloAddressIn(HttpRequest request)
    {
        var perSilo = SiloSegments.Any(segment => request.Path.StartsWithSegments(
            $"{BrowserSignInApi.DashboardPath}/{segment}", StringComparison.OrdinalIgnoreCase));
        return perSilo ? (request.RouteValues["address"] ?? request.RouteValues["path"]) as string ?? "" : null;
    }

    private static SiloAddress? Parse(string value)
    {
        try
        {
            return SiloAddress.FromParsableString(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }
}
