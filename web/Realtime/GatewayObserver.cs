using Kasse.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web.Realtime;

/// <summary>
/// This host's receiver of deliveries from grains anywhere in the cluster; hands them to the local connections of
/// every hub that registered its <see cref="UserConnections"/>. Orleans hands an observer one batch after another.
/// </summary>
public sealed class GatewayObserver(
    IEnumerable<UserConnections> hubs, [FromKeyedServices(GatewayObserver.SupervisorsKey)] UserConnections supervisors) : IGatewayObserver
{
    /// <summary>The service key of the supervisor hub's connections, which get the supervisor view and nothing else.</summary>
    public const string SupervisorsKey = "supervisors";

    private readonly UserConnections[] _hubs = [.. hubs];

    public Task Deliver(IReadOnlyList<ClientDelivery> batch)
    {
        // Every send of the batch starts at once: a slow client must not hold up the others. Each connection decides
        // itself what it needs of an event (see ClientConnection.Push), so it gets a conversation's events in order.
        var sends = new List<Task>(batch.Count * 2);
        foreach (var delivery in batch)
        {
            if (delivery.Overview is { } overview)
            {
                // The supervisor view goes to the supervisor hub only.
                foreach (var userId in delivery.UserIds)
                {
                    foreach (var connection in supervisors.Of(userId))
                        sends.Add(supervisors.SendAsync(connection.Id, ClientEvents.Overview, overview));
                }
                continue;
            }
            foreach (var hub in _hubs)
            {
                // An agent's desk is for the agent's workspace only, never for a portal connection of the same user.
                if (delivery.Desk is not null && !hub.ReceivesDesk)
                    continue;
                foreach (var userId in delivery.UserIds)
                {
                    foreach (var connection in hub.Of(userId))
                    {
                        var send = delivery switch
                        {
                            { Event: { } e } => connection.Push(e, hub),
                            { Typing: { } typing } => hub.SendAsync(connection.Id, ClientEvents.Typing, typing),
                            { Desk: { } desk } => hub.SendAsync(connection.Id, ClientEvents.Desk, desk),
                            { Position: { } position } => hub.SendAsync(connection.Id, ClientEvents.QueuePosition, position),
                            // A form state is addressed to one user (the agent's copy is masked by the session grain),
                            // never to everyone in a session: what a connection gets depends on who it is.
                            { FormState: { } state } => connection.PushFormState(state, hub),
                            { FormChange: { } change } => connection.PushFormChange(change, hub),
                            { FormPresence: { } presence } => hub.SendAsync(connection.Id, ClientEvents.FormPresence, presence),
                            { FormInvitation: { } invitation } => hub.SendAsync(connection.Id, ClientEvents.FormInvitation, invitation),
                            _ => null,
                        };
                        if (send is not null)
                            sends.Add(send);
                    }
                }
            }
        }
        return Task.WhenAll(sends);
    }
}
