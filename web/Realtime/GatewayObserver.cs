using Kasse.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web.Realtime;

/// <summary>
/// This host's receiver of deliveries from grains anywhere in the cluster; hands them to the local connections of
/// the person hubs (one shared <see cref="UserIndex"/>: one lookup per user, whatever hub a connection is on) and of
/// the supervisor hub. Orleans hands an observer one batch after another.
/// </summary>
public sealed class GatewayObserver(
    [FromKeyedServices(GatewayObserver.PersonsKey)] UserIndex persons,
    [FromKeyedServices(GatewayObserver.SupervisorsKey)] UserConnections supervisors) : IGatewayObserver
{
    /// <summary>The service key of the supervisor hub's connections, which get the supervisor view and nothing else.</summary>
    public const string SupervisorsKey = "supervisors";

    /// <summary>The service key of the index shared by the person hubs (customer, agent, PIN).</summary>
    public const string PersonsKey = "persons";

    public Task Deliver(IReadOnlyList<ClientDelivery> batch)
    {
        // Every send of the batch starts at once and none is awaited: Orleans hands this observer one batch after
        // another, so awaiting a client that does not read would hold up every connection of this host behind it (and
        // queue the batches in memory). Each connection bounds its own backlog instead (ClientConnection.Send) and
        // decides itself what it needs of an event (ClientConnection.Push), so it gets a conversation's events in order.
        foreach (var delivery in batch)
        {
            if (delivery.Overview is { } overview)
            {
                // The supervisor view goes to the supervisor hub only.
                for (var u = 0; u < delivery.UserIds.Count; u++)
                {
                    foreach (var connection in supervisors.Of(delivery.UserIds[u]))
                        connection.Send(supervisors, ClientEvents.Overview, overview);
                }
                continue;
            }
            // Indexed, not foreach: UserIds is an interface, and its enumerator would be garbage per delivery.
            for (var u = 0; u < delivery.UserIds.Count; u++)
            {
                foreach (var connection in persons.Of(delivery.UserIds[u]))
                {
                    var hub = connection.Hub!;
                    // An agent's desk is for the agent's workspace only, never for a portal connection of the same user.
                    if (delivery.Desk is not null && !hub.ReceivesDesk)
                        continue;
                    switch (delivery)
                    {
                        case { Event: { } e }:
                            connection.Push(e, hub);
                            break;
                        case { Typing: { } typing }:
                            connection.Send(hub, ClientEvents.Typing, typing);
                            break;
                        case { Desk: { } desk }:
                            connection.Send(hub, ClientEvents.Desk, desk);
                            break;
                        case { Position: { } position }:
                            connection.Send(hub, ClientEvents.QueuePosition, position);
                            break;
                        // A form state is addressed to one user (the agent's copy is masked by the session grain),
                        // never to everyone in a session: what a connection gets depends on who it is.
                        case { FormState: { } state }:
                            connection.PushFormState(state, hub);
                            break;
                        case { FormChange: { } change }:
                            connection.PushFormChange(change, delivery.FormOperationId, hub);
                            break;
                        case { FormPresence: { } presence }:
                            connection.Send(hub, ClientEvents.FormPresence, presence);
                            break;
                        case { FormInvitation: { } invitation }:
                            connection.Send(hub, ClientEvents.FormInvitation, invitation);
                            break;
                    }
                }
            }
        }
        return Task.CompletedTask;
    }
}
