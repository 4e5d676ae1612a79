using Kasse.Web.Security;
using Kasse.Web.Validation;
using Kasse.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// Supervisors read and replace a team's canned responses (the agent workspace inserts them into the reply box; agents
/// read their own team's over the agent hub, <c>ListCannedResponses</c>). Until replaced, a team has the demo set.
/// </summary>
public static class CannedResponsesApi
{
    public static IEndpointRouteBuilder MapCannedResponsesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/supervisor/teams/{team}/canned-responses")
            .RequireAuthorization(KassePolicies.Supervisor)
            .WithTags("Agent workspace");
        group.MapGet("/", Get)
            .WithName("GetCannedResponses")
            .WithSummary("The team's canned responses (placeholders {Anrede}, {Vorname}, {Nachname}, {Agent}).");
        group.MapPut("/", Put)
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithName("PutCannedResponses")
            .WithSummary("Replaces the team's canned responses (at most 100; title up to 100, text up to 4,000 characters).")
            .WithRequestExample("""
                [{"title":"Begrüßung","text":"{Anrede}, hier ist {Agent}. Wie kann ich Ihnen helfen?"}]
                """);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<CannedResponse>>> Get(string team, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICannedResponsesGrain>(team).List());

    private static async Task<Ok<IReadOnlyList<CannedResponse>>> Put(string team, CannedResponse[] body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICannedResponsesGrain>(team).Replace(body ?? []));
}
