using System.Globalization;
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

/// <summary>The daily call list for the telephony system (CSV per team) and the results of the calls.</summary>
public static class CallListApi
{
    public static IEndpointRouteBuilder MapCallListApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/nba/call-lists")
            .RequireAuthorization(KassePolicies.Integrator)
            .WithTags("Next best action");
        group.MapGet("/{team}/{day}", GetCsv)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithName("GetCallList")
            .WithSummary("The team's call list of the day (yyyy-MM-dd) as CSV (UTF-8 with BOM, ';'); built on the first request with at most max (1–1000, default 200) calls, each reserved under the contact policy; audited.");
        group.MapPost("/results", PostResult)
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithName("PostCallResult")
            .WithSummary("The result of one call: reached with Accept, Reject or NoResponse (confirms the contact and teaches the learner), or not reached (releases it). Idempotent by outcomeId.");
        return endpoints;
    }

    private static async Task GetCsv(string team, string day, int? max, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new CampaignException(CampaignErrors.OfferInvalid, "the day is written yyyy-MM-dd");
        var csv = await grains.GetGrain<ICallListGrain>($"{team}|{date:yyyy-MM-dd}")
            .GetCsv(Math.Clamp(max ?? 200, 1, 1_000), user.FindFirstValue(KasseClaims.Subject) ?? "");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"anrufliste-{team}-{date:yyyy-MM-dd}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(csv, http.RequestAborted);
    }

    private static async Task<NoContent> PostResult(CallResult result, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        if (result is null || string.IsNullOrWhiteSpace(result.Kvnr) || result.Kvnr.Length > 20)
            throw new CampaignException(CampaignErrors.OfferInvalid, "the KVNR of the call is needed");
        var nba = grains.GetGrain<INbaGrain>(0);
        var key = pseudonyms.KeyOf(result.Kvnr);
        if (!result.Reached)
            await nba.Release(key, result.DecisionId, result.OfferId ?? "");
        else
            await nba.ReportOutcome(key, new NbaOutcome(result.OutcomeId ?? "", result.DecisionId, result.OfferId ?? "", result.Outcome ?? ContactOutcome.NoResponse));
        return TypedResults.NoContent();
    }

    /// <summary>The result of one call from the telephony system.</summary>
    public sealed record CallResult(string Kvnr, Guid DecisionId, string? OfferId, bool Reached, string? OutcomeId, ContactOutcome? Outcome);
}
