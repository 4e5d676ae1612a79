using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>
/// How many client connections this gateway holds, per hub (for the admin's silo page). A hub filter, so every hub is
/// counted the same way without code in the hubs.
/// </summary>
public sealed class GatewayConnectionCount : IHubFilter, Kasse.Cluster.ILocalGatewayConnections
{
    private readonly ConcurrentDictionary<string, int> _byHub = new(StringComparer.Ordinal);

    /// <summary>Open connections per hub name (hubs without connections are left out).</summary>
    public IReadOnlyDictionary<string, int> ByHub =>
        _byHub.Where(h => h.Value > 0).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        _byHub.AddOrUpdate(Name(context), 1, static (_, n) => n + 1);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _byHub.AddOrUpdate(Name(context), 0, static (_, n) => Math.Max(0, n - 1));
        await next(context, exception);
    }

    private static string Name(HubLifetimeContext context) => context.Hub.GetType().Name;
}
