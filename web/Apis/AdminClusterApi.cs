using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>What an admin sees of the cluster: the silos and their status.</summary>
public static class AdminClusterApi
{
    public static IEndpointRouteBuilder MapAdminClusterApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/silos", ListSilos)
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Administration")
            .WithName("ListSilos")
            .WithSummary("The silos of the cluster with their status (Active, ShuttingDown, Dead, …).");
        return endpoints;
    }

    private static async Task<Ok<SiloInfo[]>> ListSilos(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        return TypedResults.Ok(hosts
            .Select(h => new SiloInfo(h.SiloName, h.SiloAddress.ToParsableString(), h.Status.ToString(), h.StartTime))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToArray());
    }

    public sealed record SiloInfo(string Name, string Address, string Status, DateTime StartedAt);
}
