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
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (CodedException e)
        {
            LogRefused(logger, invocationContext.HubMethodName, e.Code);
            throw HubErrors.Create(e.Code, e.Message);
        }
        catch (HubException e)
        {
            LogRefused(logger, invocationContext.HubMethodName, HubErrors.CodeOf(e) ?? "UNCODED");
            throw;
        }
        catch (Exception e) when (TransientClusterFailure.Is(e))
        {
            LogUnavailable(logger, invocationContext.HubMethodName, e.GetType().Name);
            throw HubErrors.Unavailable();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {HubMethod} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string hubMethod, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {HubMethod} answered UNAVAILABLE after a transient cluster failure ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string hubMethod, string exceptionType);
}
