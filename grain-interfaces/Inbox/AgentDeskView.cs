namespace Kasse.Inbox;

/// <summary>
/// An agent's routing state: presence, capacity, the load of offers and assignments, the open offers, and the call
/// ringing at the agent (screen pop). <see cref="Version"/> changes with every change, for long polls.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.AgentDeskView")]
public sealed record AgentDeskView(
    [property: Id(0)] string AgentId,
    [property: Id(1)] AgentPresence Presence,
    [property: Id(2)] AgentRoutingProfile Profile,
    [property: Id(3)] int Load,
    [property: Id(4)] IReadOnlyList<AgentOffer> Offers,
    [property: Id(5)] IReadOnlyList<string> AssignedItems,
    [property: Id(6)] long Version,
    [property: Id(30)] IncomingCall? IncomingCall = null);
