using System.Globalization;
using System.Text.Json.Serialization;
using Kasse.EinmalPin;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// The EinmalPIN login (docs/einmalpin.md): PIN and birth date, with the link's token when the insured came by
/// link or QR code. Every refusal is the same 401 body (no word on which factor was wrong), with
/// <c>retryAfterSeconds</c> when a delay applies; a throttled client address gets 429 with Retry-After.
/// </summary>
public static class PinLoginApi
{
    public const string RefusedText = "PIN oder Geburtsdatum stimmen nicht, oder der Zugang ist gesperrt oder abgelaufen.";
    public const string ThrottledText = "Zu viele Anmeldeversuche von Ihrem Anschluss. Bitte warten Sie und versuchen Sie es dann erneut.";

    public static IEndpointRouteBuilder MapPinLoginApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/einmalpin/login", LogIn)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("EinmalPIN")
            .WithName("PostPinLogin")
            .WithSummary("Logs the insured in to one case with PIN and birth date (and the link token when opened by link or QR code); " +
                "answers a short-lived case-session token for /hubs/pin and /api/einmalpin/session/*.")
            .Produces<PinLoginAnswer>()
            .Produces<PinRefusal>(StatusCodes.Status401Unauthorized, "application/problem+json")
            .Produces<PinRefusal>(StatusCodes.Status429TooManyRequests, "application/problem+json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> LogIn(PinLoginBody body, HttpContext context, IGrainFactory grains, PinCaseTokens tokens)
    {
        if (body.BirthDate is not { } birthDate || body.Pin is not { Length: > 0 and <= 64 } pin || body.LinkToken is { Length: > 64 })
            throw new PinException(ProblemCodes.InvalidInput, "PIN und Geburtsdatum (JJJJ-MM-TT) werden gebraucht.");
        var clientKey = PinClientKeys.Of(context.Connection.RemoteIpAddress);
        var result = await grains.GetGrain<IPinLoginGrain>(0).LogIn(new PinLoginRequest(body.LinkToken, pin, birthDate, clientKey));
        if (result is { Succeeded: true, CaseNumber: { } caseNumber, CaseSessionId: { } session, ExpiresAt: { } expiresAt })
            return TypedResults.Ok(new PinLoginAnswer(tokens.Issue(caseNumber, session, expiresAt), caseNumber, expiresAt));
        var seconds = result.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : (int?)null;
        if (result.ErrorCode == PinErrors.Throttled)
        {
            context.Response.Headers.RetryAfter = (seconds ?? 1).ToString(CultureInfo.InvariantCulture);
            return Refusal(PinErrors.Throttled, StatusCodes.Status429TooManyRequests, ThrottledText, seconds ?? 1);
        }
        return Refusal(PinErrors.LoginRefused, StatusCodes.Status401Unauthorized, RefusedText, seconds);
    }

    // Written here rather than by the problem details service, which adds a trace id: the refusal's body must be the
    // same byte for byte whatever was wrong.
    private static JsonHttpResult<PinRefusal> Refusal(string code, int status, string detail, int? retryAfterSeconds) =>
        TypedResults.Json(new PinRefusal(ProblemCodes.TypeOf(code), code, status, detail, retryAfterSeconds),
            statusCode: status, contentType: "application/problem+json");
}

/// <summary>The login form: PIN as typed (any case, spaces or hyphens), birth date, the link token if any.</summary>
public sealed record PinLoginBody(string? LinkToken, string? Pin, DateOnly? BirthDate);

/// <summary>A successful login: the case-session token (bearer, or access_token on the hub) and when it ends.</summary>
public sealed record PinLoginAnswer(string Token, string CaseNumber, DateTimeOffset ExpiresAt);

/// <summary>A refused login as RFC 9457 problem details; <c>title</c> is the code.</summary>
public sealed record PinRefusal(
    string Type, string Title, int Status, string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfterSeconds);
