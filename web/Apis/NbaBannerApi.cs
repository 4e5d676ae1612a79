using System.Security.Claims;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Customers;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>The banner of the next best action for the app over HTTP (the insured's own key from the token).</summary>
public static class NbaBannerApi
{
    public static IEndpointRouteBuilder MapNbaBannerApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/customer/banner")
            .RequireAuthorization(KassePolicies.Insured)
            .WithTags("Next best action");
        group.MapGet("/", GetBanner)
            .WithName("GetBanner")
            .WithSummary("The offer to show now (offers empty: none). decisionId (a new Guid) makes a repeated request reserve nothing more.");
        group.MapPost("/outcome", ReportOutcome)
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithName("ReportBannerOutcome")
            .WithSummary("Impression, Click, Accept, Reject or NoResponse for a banner shown; idempotent by outcomeId.");
        return endpoints;
    }

    private static async Task<Ok<NbaDecision>> GetBanner(
        ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms, Guid? decisionId, string? placement) =>
        TypedResults.Ok(await grains.GetGrain<INbaGrain>(0).Decide(new NbaRequest(
            decisionId ?? Guid.NewGuid(), pseudonyms.KeyOf(user.FindFirstValue(KasseClaims.Subject) ?? ""),
            ContactChannel.Banner, ContactSource.Banner, string.IsNullOrWhiteSpace(placement) ? "app" : placement, 1)));

    private static async Task<NoContent> ReportOutcome(
        ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms, NbaOutcome outcome)
    {
        await grains.GetGrain<INbaGrain>(0).ReportOutcome(pseudonyms.KeyOf(user.FindFirstValue(KasseClaims.Subject) ?? ""), outcome);
        return TypedResults.NoContent();
    }
}
