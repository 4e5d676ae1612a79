using Kasse.Inbox;
using Kasse.Supervision;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// The supervisors' live channel (role Supervisor; anyone else is refused with 403 before connecting): the picture of
/// every queue and agent, then each change as an <c>overview</c> event numbered by <c>epoch</c> and <c>seq</c>.
/// </summary>
[Authorize(Policy = KassePolicies.Supervisor)]
public sealed class SupervisorHub(IGrainFactory grains, UserConnections<SupervisorHub> connections) : Hub
{
    public const string Path = "/hubs/supervisor";

    /// <summary>How many waiting items <see cref="GetWaitingItems"/> returns at most.</summary>
    public const int MaxItems = 200;

    private const int MaxQueueNameLength = 200;

    public override Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { } userId)
            connections.Add(userId, Context.ConnectionId, Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.UserIdentifier is { } userId)
            connections.Remove(userId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The whole picture (<c>full</c> true) with its <c>epoch</c> and <c>seq</c>; from then on the caller gets every change
    /// pushed as <c>overview</c> for two minutes (each call renews it; the page calls every 30 s and after each reconnect).
    /// </summary>
    public Task<SupervisorOverview> GetOverview() =>
        grains.GetGrain<ISupervisorFeedGrain>(SupervisionStream.Key).Watch(Context.UserIdentifier ?? "");

    /// <summary>The waiting items of a queue in the queue's order (at most 200). Errors: INVALID_INPUT for a malformed queue name.</summary>
    public Task<IReadOnlyList<QueuedItem>> GetWaitingItems(string queue)
    {
        if (string.IsNullOrWhiteSpace(queue) || queue.Length > MaxQueueNameLength)
            throw HubErrors.Invalid("Unbekannte Warteschlange.");
        return grains.GetGrain<IRoutingQueueGrain>(queue).GetWaitingItems(MaxItems);
    }
}
