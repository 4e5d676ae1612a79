using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Kasse.Web.Http;

/// <summary>
/// A request the server could not read (an empty or malformed JSON body, a form without boundary, a value that does
/// not parse) is the caller's mistake: its own status (400, 413 …) as problem details, never 500. Minimal APIs throw
/// <see cref="BadHttpRequestException"/> for it in every environment (<c>RouteHandlerOptions.ThrowOnBadRequest</c>, set
/// in <c>WebSetup</c>), so Development and Production answer alike. Handled here, it is not logged as an unhandled error.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var tooLarge = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = tooLarge ? "Die Anfrage ist zu groß." : "Die Anfrage ist fehlerhaft.",
                Detail = tooLarge ? "Der Inhalt der Anfrage ist größer, als dieser Aufruf annimmt." : "Der Inhalt der Anfrage konnte nicht gelesen werden.",
                Type = "https://kasse-orleans.dev/problems/" + (tooLarge ? "request-too-large" : "bad-request"),
            },
        });
    }
}
