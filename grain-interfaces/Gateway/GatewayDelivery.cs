using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Inbox;
using Kasse.Supervision;
using Orleans.Concurrency;

namespace Kasse.Gateway;

/// <summary>
/// What a gateway host pushes to connected clients: an event (or a typing notice, a queue position, an agent's desk, or
/// a form session's state, change, presence or invitation)
/// and the users it is for. Which of its connections already has the event (the writer's, from its ack) is the
/// gateway's business, not the grain's. A <see cref="Desk"/> goes to the agent hub connections of its users only. A
/// <see cref="FormChange"/> to the editor carries the edit's <see cref="FormOperationId"/> when its answer carries the
/// change too, so that the editing connection is not sent it twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Gateway.ClientDelivery")]
public sealed record ClientDelivery(
    [property: Id(0)] IReadOnlyList<string> UserIds,
    [property: Id(1)] ConversationEvent? Event,
    [property: Id(2)] TypingNotice? Typing,
    [property: Id(70)] AgentDeskView? Desk = null,
    [property: Id(80)] QueuePositionNotice? Position = null,

    [property: Id(60)] SupervisorOverview? Overview = null,
    [property: Id(90)] FormViewState? FormState = null,
    [property: Id(91)] FormPresenceNotice? FormPresence = null,
    [property: Id(92)] FormInvitation? FormInvitation = null,
    [property: Id(93)] FormViewChange? FormChange = null,
    [property: Id(94)] string? FormOperationId = null);

/// <summary>Someone is typing in a conversation (not sequenced, not stored).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Gateway.TypingNotice")]
public sealed record TypingNotice(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] DateTimeOffset At);

/// <summary>One per gateway host: receives batches of deliveries and hands them to the local SignalR clients.</summary>
[Alias("Kasse.Gateway.IGatewayObserver")]
public interface IGatewayObserver : IGrainObserver
{
    [OneWay, Alias("Deliver")]
    Task Deliver(IReadOnlyList<ClientDelivery> batch);
}

/// <summary>
/// Knows the live gateway hosts. Hosts re-register on a timer; entries of silos that membership declares dead, or
/// that stopped refreshing, drop out. Delivery is best effort: clients resume by sequence number.
/// </summary>
[Alias("Kasse.Gateway.IGatewayRegistryGrain")]
public interface IGatewayRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(string hostId, SiloAddress silo, IGatewayObserver observer);

    [Alias("Unregister")]
    Task Unregister(string hostId);

    [Alias("GetGateways")]
    Task<IReadOnlyList<GatewayHost>> GetGateways();
}

/// <summary>A registered gateway host: its id, the silo it runs in, and its receiver.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Gateway.GatewayHost")]
public sealed record GatewayHost(
    [property: Id(0)] string HostId,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] IGatewayObserver Observer);
