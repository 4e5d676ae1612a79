using Kasse.Gateway;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>This host's receiver of deliveries from grains anywhere in the cluster; hands them to local clients.</summary>
public sealed class GatewayObserver(IHubContext<CustomerHub> customers, IHubContext<AgentHub> agents) : IGatewayObserver
{
    public Task Deliver(IReadOnlyList<ClientDelivery> batch)
    {
        // Every send of the batch starts at once: a slow client must not hold up the others. Per-user groups make
        // finding a user's connections a lookup instead of a scan over every connection of the hub.
        var sends = new List<Task>(batch.Count * 2);
        foreach (var delivery in batch)
        {
            var (method, payload) = delivery.Event is { } e
                ? (ClientEvents.ConversationEvent, (object)e)
                : (ClientEvents.Typing, delivery.Typing!);
            // User ids are disjoint across hubs (KVNR vs agent id): sending to both reaches each user once.
            if (delivery is { SkipConnection: { } skip, Event: { } written })
            {
                // The writing connection has the event from its ack; the writer's other connections still get it.
                var others = delivery.UserIds.Where(u => u != written.SenderId).Select(ConversationHubBase.UserGroup).ToArray();
                var writer = ConversationHubBase.UserGroup(written.SenderId);
                sends.Add(customers.Clients.Groups(others).SendAsync(method, payload));
                sends.Add(agents.Clients.Groups(others).SendAsync(method, payload));
                sends.Add(customers.Clients.GroupExcept(writer, [skip]).SendAsync(method, payload));
                sends.Add(agents.Clients.GroupExcept(writer, [skip]).SendAsync(method, payload));
                continue;
            }
            var groups = delivery.UserIds.Select(ConversationHubBase.UserGroup).ToArray();
            sends.Add(customers.Clients.Groups(groups).SendAsync(method, payload));
            sends.Add(agents.Clients.Groups(groups).SendAsync(method, payload));
        }
        return Task.WhenAll(sends);
    }
}
