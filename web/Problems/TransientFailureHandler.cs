using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kasse.Web;

/// <summary>
/// A call into the cluster that failed for reasons outside the call (a silo died, a message was rejected or timed
/// out while grains move, the database connection broke): 503 problem details <c>UNAVAILABLE</c> with Retry-After,
/// as the hubs answer it. The same request, retried, is expected to succeed. One Warning line, no stack trace.
/// </summary>
public sealed partial class TransientFailureHandler(ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientClusterFailure.Is(exception))
            return false;
        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.Headers.RetryAfter = "1";
        await Problems.Coded(TransientClusterFailure.Code, TransientClusterFailure.Message).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP request failed for a transient cluster reason: {ExceptionType}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
