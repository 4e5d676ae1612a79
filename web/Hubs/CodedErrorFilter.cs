using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>Turns refusals of grains into coded hub errors; nothing else about the failure leaves the server.</summary>
public sealed class CodedErrorFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (CodedException e)
        {
            throw HubErrors.Create(e.Code, e.Message);
        }
    }
}
