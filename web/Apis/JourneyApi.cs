using System.Security.Claims;
using Kasse.Campaigns.Journey;
using Kasse.Customers;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// Journey events from the app (the portal uses the customer hub) and, for admins, funnels per tariff and campaign
/// success against the control group (docs/campaigns.md, "Journey events and success").
/// </summary>
public static class JourneyApi
{
    private static readonly TimeZoneInfo BerlinZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private const string EventExample =
        """
        {
          "eventId": "5f0c8e0e-3a4f-4f0b-9a43-0d7c1f3b2a11",
          "kind": "TariffViewed",
          "tariff": "Krankengeld",
          "page": "/tarife/krankengeld",
          "channel": "app"
        }
        """;

    public static IEndpointRouteBuilder MapJourneyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/customer/journey", Track)
            .RequireAuthorization(KassePolicies.Insured)
            .WithTags("Journey")
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithRequestExample(EventExample)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("PostJourneyEvent")
            .WithSummary("Records one step of the caller's own journey (the customer from the token). eventId is the idempotency key " +
                "(1–64 letters, digits, - or _); kind PageView, TariffViewed, TariffSelected, ApplicationStarted or ApplicationCompleted; " +
                "tariff required except for PageView; page a path without query or fragment; channel portal or app. " +
                "Answers the seq and whether it was a repeat. Errors: JOURNEY_EVENT_INVALID.");

        var admin = endpoints.MapGroup("/api/admin/journey")
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Journey")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/funnels", GetFunnels)
            .WithName("GetJourneyFunnels")
            .WithSummary("Per tariff and day (Europe/Berlin) the distinct customers who viewed, selected, started and completed; " +
                "from and to as yyyy-MM-dd (default: the last 14 days), optional tariff.");
        admin.MapGet("/campaigns/{campaignId}/success", GetSuccess)
            .WithName("GetCampaignSuccess")
            .WithSummary("Conversion of a campaign: customers who completed an application for the tariff within days (default 30) " +
                "after their contact, contacted vs control group, and the lift. Without tariff: the campaign's own tariff, else its offer's.");
        return endpoints;
    }

    private static async Task<Ok<JourneyTrackResult>> Track(
        JourneyEventBody body, ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        var customerKey = pseudonyms.KeyOf(user.FindFirstValue(KasseClaims.Subject) ?? "");
        var input = new JourneyEventInput(body.EventId ?? "", JourneyEventKinds.Parse(body.Kind), body.Tariff, body.Page, body.Channel ?? "app");
        return TypedResults.Ok(await grains.GetGrain<IJourneyGrain>(customerKey).Track(input));
    }

    private static async Task<Ok<IReadOnlyList<TariffFunnelDay>>> GetFunnels(
        IGrainFactory grains, TimeProvider clock, DateOnly? from, DateOnly? to, string? tariff)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), BerlinZone).DateTime);
        var until = to ?? today;
        return TypedResults.Ok(await grains.GetGrain<IJourneyReportGrain>(0).GetFunnels(from ?? until.AddDays(-13), until, tariff));
    }

    private static async Task<Ok<CampaignSuccess>> GetSuccess(IGrainFactory grains, string campaignId, string? tariff, int? days) =>
        TypedResults.Ok(await grains.GetGrain<IJourneyReportGrain>(0).GetCampaignSuccess(campaignId, tariff, days ?? 30));

    /// <summary>One journey event as the app sends it.</summary>
    public sealed record JourneyEventBody(string? EventId, string? Kind, string? Tariff, string? Page, string? Channel);
}
