using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kasse.Web;

/// <summary>
/// Turns every refusal (a <see cref="CodedException"/>, also one a grain threw: Orleans hands it back as its own type)
/// into problem details, the way <c>CodedErrorFilter</c> does for hubs; endpoints only return their success result.
/// A refusal is expected: one Information line with its code, no stack trace, nothing of the request.
/// </summary>
public sealed partial class CodedExceptionHandler(ILogger<CodedExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CodedException coded)
            return false;
        var problem = Problems.Coded(coded.Code, coded.Message);
        LogRefused(logger, coded.Code, problem.StatusCode);
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP request refused: {Code} ({Status})")]
    private static partial void LogRefused(ILogger logger, string code, int status);
}
