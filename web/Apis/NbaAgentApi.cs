using System.Security.Claims;
using Kasse.Campaigns.Nba;
using Kasse.Customers;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>Suggestions of the next best action in the agent desktop's customer panel (every read is audited).</summary>
public static class NbaAgentApi
{
    public static IEndpointRouteBuilder MapNbaAgentApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/agent/customers/{kvnr}/offers")
            .RequireAuthorization(KassePolicies.Agent)
            .WithTags("Next best action");
        group.MapGet("/", Suggest)
            .WithName("GetAgentOfferSuggestions")
            .WithSummary("Up to three offers to suggest to this insured person now (audited). decisionId (a new Guid) makes a repeat reserve nothing more.");
        group.MapPost("/outcome", ReportOutcome)
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithName("ReportAgentOfferOutcome")
            .WithSummary("Accept or Reject (or Impression, NoResponse) of a suggested offer; idempotent by outcomeId.");
        return endpoints;
    }

    private static async Task<Ok<NbaDecision>> Suggest(
        string kvnr, ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms, Guid? decisionId, int? max)
    {
        var agent = user.ToParticipant();
        return TypedResults.Ok(await grains.GetGrain<INbaGrain>(0).SuggestForAgent(
            decisionId ?? Guid.NewGuid(), pseudonyms.KeyOf(kvnr), agent.UserId, agent.Role.ToString(), Math.Clamp(max ?? 3, 1, 3)));
    }

    private static async Task<NoContent> ReportOutcome(string kvnr, IGrainFactory grains, CustomerPseudonyms pseudonyms, NbaOutcome outcome)
    {
        await grains.GetGrain<INbaGrain>(0).ReportOutcome(pseudonyms.KeyOf(kvnr), outcome);
        return TypedResults.NoContent();
    }
}
