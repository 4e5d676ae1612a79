using Kasse.Gateway;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>This host's receiver of deliveries from grains anywhere in the cluster; hands them to local clients.</summary>
public sealed class GatewayObserver(IHubContext<CustomerHub> customers, IHubContext<AgentHub> agents) : IGatewayObserver
{
    public async Task Deliver(IReadOnlyList<ClientDelivery> batch)
    {
        foreach (var delivery in batch)
        {
            var (method, payload) = delivery.Event is { } e
                ? (ClientEvents.ConversationEvent, (object)e)
                : (ClientEvents.Typing, delivery.Typing!);
            // User ids are disjoint across hubs (KVNR vs agent id): sending to both reaches each user once.
            await customers.Clients.Users(delivery.UserIds).SendAsync(method, payload);
            await agents.Clients.Users(delivery.UserIds).SendAsync(method, payload);
        }
    }
}
