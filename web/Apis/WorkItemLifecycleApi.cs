using System.Security.Claims;
using Kasse.Inbox;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// Moving work items on over HTTP: the assigned agent transfers an item to a colleague or a team (with a note), puts
/// it on hold and resumes it; a supervisor reassigns any item short of done. See docs/routing.md.
/// </summary>
public static class WorkItemLifecycleApi
{
    private const string TransferExample = """
        {"toAgentId":"agent-2","toTeam":null,"note":"Kundin fragt nach Krankengeld ab Woche 7; Unterlagen liegen vor."}
        """;

    public static IEndpointRouteBuilder MapWorkItemLifecycleApi(this IEndpointRouteBuilder endpoints)
    {
        var agent = endpoints.MapGroup("/api/agent/work-items")
            .RequireAuthorization(KassePolicies.Agent)
            .WithTags("Inbox");
        agent.MapPost("/{itemId}/transfer", Transfer)
            .WithName("TransferWorkItem")
            .WithSummary("Hands an item assigned to you on, with a note: to a colleague (toAgentId: offered to them only; if they decline, " +
                "let the offer expire or are not free within the transfer wait, it goes back to its own queue) or to a team (toTeam: its queue). " +
                "Your capacity is free at once. 409 work-item-not-assigned, 409 work-item-done, 422 transfer-target-unknown, 400 transfer-to-self.")
            .WithRequestExample(TransferExample);
        agent.MapPost("/{itemId}/hold", Hold)
            .WithName("HoldWorkItem")
            .WithSummary("Puts an item assigned to you on hold (status OnHold); you keep it and its capacity. Again changes nothing.");
        agent.MapPost("/{itemId}/resume", Resume)
            .WithName("ResumeWorkItem")
            .WithSummary("Takes an item of yours off hold, back to the status it had. Again changes nothing.");

        var supervisor = endpoints.MapGroup("/api/supervisor/work-items")
            .RequireAuthorization(KassePolicies.Supervisor)
            .WithTags("Supervisor");
        supervisor.MapPost("/{itemId}/reassign", Reassign)
            .WithName("ReassignWorkItem")
            .WithSummary("Moves any item short of done — waiting, offered or assigned — to a colleague or a team, as a transfer does; " +
                "a live offer or assignment ends and that agent's capacity is freed. 409 work-item-done, 422 transfer-target-unknown, " +
                "400 transfer-to-self (the item is with that agent already).")
            .WithRequestExample(TransferExample);
        return endpoints;
    }

    private static async Task<Results<Ok<WorkItemView>, ValidationProblem>> Transfer(
        string itemId, TransferRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = Check(itemId, body);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        if (body.ToAgentId?.Trim() == AgentId(user))
            throw new InboxException(InboxErrors.TransferToSelf, "Sie können einen Vorgang nicht an sich selbst übergeben.");
        await TransferTargets.EnsureKnownAsync(grains, body);
        return TypedResults.Ok(await grains.GetGrain<IAgentDeskGrain>(AgentId(user)).Transfer(itemId, body));
    }

    private static async Task<Ok<WorkItemView>> Hold(string itemId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkItemGrain>(itemId).Hold(AgentId(user)));

    private static async Task<Ok<WorkItemView>> Resume(string itemId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkItemGrain>(itemId).Resume(AgentId(user)));

    private static async Task<Results<Ok<WorkItemView>, ValidationProblem>> Reassign(
        string itemId, TransferRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = Check(itemId, body);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        await TransferTargets.EnsureKnownAsync(grains, body);
        return TypedResults.Ok(await grains.GetGrain<IWorkItemGrain>(itemId).Reassign(AgentId(user), body));
    }

    private static Dictionary<string, string[]> Check(string itemId, TransferRequest body)
    {
        var errors = body.Validate();
        if (!WorkItemKeys.IsValidExternalId(itemId))
            errors["itemId"] = ["Die Vorgangskennung ist ungültig."];
        return errors;
    }

    private static string AgentId(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject)!;
}
