using Kasse.Inbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Kasse.Web.Hubs;

/// <summary>
/// Presence follows connections: every agent hub connection that opens or closes is reported to the agent's desk,
/// with this gateway's silo (a gateway that dies never reports its closes; the desk drops its connections once
/// membership declares the silo dead). The desk decides presence; a failed report is logged, never fails the connection.
/// </summary>
public sealed partial class AgentPresenceFilter(IGrainFactory grains, ILocalSiloDetails silo, ILogger<AgentPresenceFilter> logger) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (context.Context.UserIdentifier is not { Length: > 0 } agentId)
            return;
        try
        {
            await grains.GetGrain<IAgentDeskGrain>(agentId).Connected(context.Context.ConnectionId, silo.SiloAddress);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportFailed(logger, "connect", e);
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            if (context.Context.UserIdentifier is { Length: > 0 } agentId)
                await grains.GetGrain<IAgentDeskGrain>(agentId).Disconnected(context.Context.ConnectionId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportFailed(logger, "disconnect", e);
        }
        await next(context, exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting an agent connection's {Change} to its desk failed")]
    private static partial void LogReportFailed(ILogger logger, string change, Exception exception);
}
