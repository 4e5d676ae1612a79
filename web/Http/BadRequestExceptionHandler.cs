using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Kasse.Web.Http;

/// <summary>
/// A request the server could not read (an empty or malformed JSON body, a form without boundary, a value that does
/// not parse) is the caller's mistake: its own status (400, 413 …) as problem details, never 500. In Development
/// minimal APIs throw <see cref="BadHttpRequestException"/> for it where Production answers 400 at once; this makes
/// both answer the same. Handled here, it is not logged as an unhandled error either.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "Die Anfrage ist fehlerhaft.",
                // What could not be read, in ASP.NET Core's words (for the developer of the calling system).
                Detail = badRequest.Message,
                Type = "https://kasse-orleans.dev/problems/bad-request",
            },
        });
    }
}
