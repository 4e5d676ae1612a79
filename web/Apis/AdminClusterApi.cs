using System.Security.Claims;
using Kasse.Cluster;
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
            .WithSummary("The silos of the cluster with their status (Active, ShuttingDown, Dead, …); for active silos also " +
                "activations, CPU, memory and the gateway's client connections per hub.");
        endpoints.MapPost("/api/admin/silos/drain", DrainSilo)
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Administration")
            .WithName("DrainSilo")
            .WithSummary("Shuts one silo down gracefully (as SIGTERM does: hub clients reconnect elsewhere, grains move); audited. " +
                "Body {silo (address from the list), drainId (idempotency key)}. 202 with the silo's status; a silo already " +
                "stopping or gone answers 202 as well. Errors: SILO_NOT_FOUND (404), SILO_LAST_ACTIVE (409, the only active silo).");
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
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = await RuntimeStatisticsAsync(management, active);
        var local = await Task.WhenAll(active.Select(a => LocalStatusAsync(grains, a)));
        var localByAddress = active.Zip(local).ToDictionary(p => p.First, p => p.Second);
        var now = DateTime.UtcNow;
        return TypedResults.Ok(hosts
            .Select(h =>
            {
                var stats = statistics.GetValueOrDefault(h.SiloAddress);
                var gateway = localByAddress.GetValueOrDefault(h.SiloAddress);
                return new SiloInfo(
                    h.SiloName,
                    h.SiloAddress.ToParsableString(),
                    h.Status.ToString(),
                    h.StartTime,
                    h.Status == SiloStatus.Active ? (long)(now - h.StartTime).TotalSeconds : null,
                    stats?.ActivationCount,
                    (double?)stats?.EnvironmentStatistics.FilteredCpuUsagePercentage,
                    (long?)stats?.EnvironmentStatistics.FilteredMemoryUsageBytes,
                    gateway?.ConnectionsByHub,
                    gateway?.ConnectionsByHub.Values.Sum());
            })
            .OrderBy(s => s.Status == nameof(SiloStatus.Active) ? 0 : 1)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToArray());
    }

    /// <summary>Runtime statistics of the active silos; empty when a silo did not answer (it may be leaving).</summary>
    private static async Task<Dictionary<SiloAddress, SiloRuntimeStatistics>> RuntimeStatisticsAsync(IManagementGrain management, SiloAddress[] silos)
    {
        try
        {
            var statistics = await management.GetRuntimeStatistics(silos).WaitAsync(StatusTimeout);
            return silos.Zip(statistics).ToDictionary(p => p.First, p => p.Second);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return [];
        }
    }

    private static async Task<SiloLocalStatus?> LocalStatusAsync(IGrainFactory grains, SiloAddress silo)
    {
        try
        {
            return await grains.GetGrain<ISiloControlGrain>(silo.ToParsableString()).GetLocalStatus().WaitAsync(StatusTimeout);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// One silo of the cluster. Uptime, activations, CPU (percent), memory (bytes in use) and connections (the gateway's
    /// open client connections per hub, and their sum) are known for active silos that answered, null otherwise.
    /// </summary>
    public sealed record SiloInfo(
        string Name,
        string Address,
        string Status,
        DateTime StartedAt,
        long? UptimeSeconds,
        int? Activations,
        double? CpuPercent,
        long? MemoryBytes,
        IReadOnlyDictionary<string, int>? ConnectionsByHub,
        int? Connections);

    /// <summary>Body of a drain: the silo's address as listed, and the client's idempotency key.</summary>
    public sealed record DrainRequest(string? Silo, Guid DrainId);

    public sealed record DrainView(string Silo, string Status);

    private static async Task<Results<Accepted<DrainView>, ValidationProblem>> DrainSilo(DrainRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Silo))
            errors["silo"] = ["Die Adresse des Silos fehlt."];
        if (request.DrainId == Guid.Empty)
            errors["drainId"] = ["Der Idempotenzschlüssel fehlt."];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var host = hosts.FirstOrDefault(h => h.SiloAddress.ToParsableString() == request.Silo)
            ?? throw new ClusterException(ClusterErrors.SiloNotFound, "Kein Silo des Clusters hat diese Adresse.");
        if (host.Status == SiloStatus.Active)
        {
            await grains.GetGrain<ISiloControlGrain>(request.Silo!).Drain(
                user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt", KasseRoles.Admin, request.DrainId);
            return TypedResults.Accepted((string?)null, new DrainView(request.Silo!, nameof(SiloStatus.ShuttingDown)));
        }
        // Already leaving or gone: what the drain asks for holds (a retry of a drain that went through lands here).
        return TypedResults.Accepted((string?)null, new DrainView(request.Silo!, host.Status.ToString()));
    }
}
