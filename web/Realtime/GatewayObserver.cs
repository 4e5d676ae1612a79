using Kasse.Gateway;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>This host's receiver of deliveries from grains anywhere in the cluster; hands them to local clients.</summary>
public sealed class GatewayObserver(
    IHubContext<CustomerHub> customers,
    IHubContext<AgentHub> agents,
    UserConnections<CustomerHub> customerConnections,
    UserConnections<AgentHub> agentConnections) : IGatewayObserver
{
    public Task Deliver(IReadOnlyList<ClientDelivery> batch)
    {
        // Every send of the batch starts at once: a slow client must not hold up the others.
        var sends = new List<Task>(batch.Count * 2);
        foreach (var delivery in batch)
        {
            var (method, payload) = delivery.Event is { } e
                ? (ClientEvents.ConversationEvent, (object)e)
                : (ClientEvents.Typing, delivery.Typing!);
            // The writing connection has the event from its ack; the writer's other connections still get it.
            Send(customers, customerConnections, delivery, method, payload, sends);
            Send(agents, agentConnections, delivery, method, payload, sends);
        }
        return Task.WhenAll(sends);
    }

    // One send per connection: SignalR finds a single connection by a dictionary lookup, whereas a send to a list of
    // connection ids walks every connection of the hub. A user has one or a few connections, so this stays cheap.
    private static void Send<THub>(
        IHubContext<THub> hub, UserConnections connections, ClientDelivery delivery, string method, object payload, List<Task> sends)
        where THub : Hub
    {
        foreach (var userId in delivery.UserIds)
        {
            foreach (var connectionId in connections.Of(userId))
            {
                if (connectionId != delivery.SkipConnection)
                    sends.Add(hub.Clients.Client(connectionId).SendAsync(method, payload));
            }
        }
    }
}
