using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Forms;
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
        endpoints.MapGet("/api/admin/conversations/{conversationId:guid}/silo", LocateConversation)
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Administration")
            .WithName("LocateConversation")
            .WithSummary("The silo a conversation grain is active on, if any (for troubleshooting; no content is read).");
        endpoints.MapGet("/api/admin/customers/{kvnr}/silo", LocateCustomer)
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Administration")
            .WithName("LocateCustomer")
            .WithSummary("The silo a customer grain is active on, if any (for troubleshooting; no data is read).");
        // h11-bench: the failover test kills the silo of a form session grain.
        endpoints.MapGet("/api/admin/forms/sessions/{sessionId:guid}/silo", LocateFormSession)
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Administration")
            .WithName("LocateFormSession")
            .WithSummary("The silo a form session grain is active on, if any (for troubleshooting; no content is read).");
        return endpoints;
    }

    private static Task<Results<Ok<GrainLocation>, ProblemHttpResult>> LocateConversation(Guid conversationId, IGrainFactory grains) =>
        Locate(grains, grains.GetGrain<IConversationGrain>(conversationId));

    private static Task<Results<Ok<GrainLocation>, ProblemHttpResult>> LocateCustomer(string kvnr, IGrainFactory grains, CustomerPseudonyms pseudonyms) =>
        Locate(grains, grains.GetCustomer(pseudonyms, kvnr));

    private static Task<Results<Ok<GrainLocation>, ProblemHttpResult>> LocateFormSession(Guid sessionId, IGrainFactory grains) =>
        Locate(grains, grains.GetGrain<IFormSessionGrain>(sessionId));

    private static async Task<Results<Ok<GrainLocation>, ProblemHttpResult>> Locate(IGrainFactory grains, IAddressable grain)
    {
        var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return silo is null
            ? Problems.NotFound("Nicht aktiv", "Dieses Objekt ist zurzeit auf keinem Silo aktiv.")
            : TypedResults.Ok(new GrainLocation(silo.ToParsableString(), silo.Endpoint.Port));
    }

    public sealed record GrainLocation(string Silo, int SiloPort);

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
