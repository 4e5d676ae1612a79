using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Kasse.Web.Hubs;

/// <summary>
/// Turns refusals of grains into coded hub errors, and transient cluster failures into <c>UNAVAILABLE</c>; nothing
/// else about a failure leaves the server. A refusal is expected: it is logged here as one line at Information (code
/// only, no text, no stack), and <see cref="RefusalLogFilter"/> keeps SignalR from logging it again as an error.
/// Anything else stays an error in SignalR's log.
/// </summary>
public sealed partial class CodedErrorFilter(ILogger<CodedErrorFilter> logger) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ValueTask<object?> pending;
        try
        {
            pending = next(invocationContext);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var coded = Translate(invocationContext, e);
            if (coded is null || ReferenceEquals(coded, e))
                throw;
            throw coded;
        }
        // Most hub calls finish synchronously or succeed: no async state machine for them (issue 15).
        return pending.IsCompletedSuccessfully ? pending : AwaitTranslatedAsync(invocationContext, pending);
    }

    private async ValueTask<object?> AwaitTranslatedAsync(HubInvocationContext invocationContext, ValueTask<object?> pending)
    {
        try
        {
            return await pending;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var coded = Translate(invocationContext, e);
            if (coded is null || ReferenceEquals(coded, e))
                throw;
            throw coded;
        }
    }

    /// <summary>
    /// The hub error that replaces <paramref name="e"/> (logged here), <paramref name="e"/> itself for a hub error
    /// (logged, rethrown as it is), or null for anything else (rethrown, left to SignalR's own handling).
    /// </summary>
    private Exception? Translate(HubInvocationContext invocationContext, Exception e)
    {
        switch (e)
        {
            case CodedException coded:
                LogRefused(logger, invocationContext.HubMethodName, coded.Code);
                return HubErrors.Create(coded.Code, coded.Message);
            case HubException hub:
                LogRefused(logger, invocationContext.HubMethodName, HubErrors.CodeOf(hub) ?? "UNCODED");
                return hub;
            case not null when TransientClusterFailure.Is(e):
                LogUnavailable(logger, invocationContext.HubMethodName, e.GetType().Name);
                return HubErrors.Unavailable();
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {HubMethod} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string hubMethod, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {HubMethod} answered UNAVAILABLE after a transient cluster failure ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string hubMethod, string exceptionType);
}
