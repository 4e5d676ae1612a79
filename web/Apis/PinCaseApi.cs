using System.Security.Claims;
using Kasse.EinmalPin;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// The per-case pull of the core system (docs/einmalpin.md): a case's status, dates and decision, and once
/// submitted its answers and content hash (reading the answers is audited).
/// </summary>
public static class PinCaseApi
{
    public static IEndpointRouteBuilder MapPinCaseApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/einmalpin/cases/{caseNumber}", View)
            .RequireAuthorization(KassePolicies.PinIntake)
            .WithTags("EinmalPIN")
            .WithName("GetPinCase")
            .WithSummary("A case's status (derived as documented), dates, lock and stp decision with rule set and version; no secrets, no answers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/einmalpin/cases/{caseNumber}/result", Result)
            .RequireAuthorization(KassePolicies.Integrator)
            .WithTags("EinmalPIN")
            .WithName("GetPinCaseResult")
            .WithSummary("The case with its submitted answers (field id → JSON value) and SHA-256 content hash, for the core system; audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<PinCaseView>> View(string caseNumber, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPinCaseGrain>(CaseNumberOf(caseNumber)).GetView());

    private static async Task<Ok<PinCaseResult>> Result(string caseNumber, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPinCaseGrain>(CaseNumberOf(caseNumber))
            .ReadResult(user.FindFirstValue(KasseClaims.Subject) ?? "", KasseRoles.Integrator));

    /// <summary>1–32 letters, digits, '-' or '_'; anything else is no case number (404 like an unknown one).</summary>
    private static string CaseNumberOf(string caseNumber) =>
        caseNumber is { Length: > 0 and <= 32 } && caseNumber.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? caseNumber
            : throw new PinException(PinErrors.CaseNotFound, "Diesen Vorgang gibt es nicht.");
}
