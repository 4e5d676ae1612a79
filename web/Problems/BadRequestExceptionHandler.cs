using System.Text.Json;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kasse.Web;

/// <summary>
/// Requests the framework cannot read (a body that is no JSON of the expected shape, an undefined enum value, a body
/// above the endpoint's limit, a form without boundary) as problem details with their own status, in every
/// environment; never a 500. Like a refusal, one Information line without the request's content.
/// </summary>
public sealed partial class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    private const string GenericJsonMessage = "Der Wert fehlt, ist kein gültiges JSON oder hat den falschen Typ.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        var (code, result) = bad switch
        {
            { InnerException: JsonException json } => ("VALIDATION", (IResult)Problems.Validation(new Dictionary<string, string[]>
            {
                [FieldOf(json.Path)] = [json is JsonValueRefusedException ? json.Message : GenericJsonMessage],
            })),
            { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ProblemCodes.RequestTooLarge, Problems.Coded(
                ProblemCodes.RequestTooLarge, FrameworkProblems.RequestTooLargeDetail)),
            _ => (ProblemCodes.InvalidInput, TypedResults.Problem(
                "Die Anfrage ist unvollständig oder hat nicht das erwartete Format.", statusCode: bad.StatusCode,
                title: ProblemCodes.InvalidInput, type: ProblemCodes.TypeOf(ProblemCodes.InvalidInput))),
        };
        LogRefused(logger, code, bad.StatusCode);
        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The field a JSON path names (<c>$.preferredChannel</c> → <c>preferredChannel</c>); the body itself as <c>$</c>.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP request not readable: {Code} ({Status})")]
    private static partial void LogRefused(ILogger logger, string code, int status);
}
