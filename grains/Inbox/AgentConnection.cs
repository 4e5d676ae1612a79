namespace Kasse.Grains.Inbox;

/// <summary>
/// One live connection of an agent's client, with the gateway host (silo) that holds it: a gateway that dies never
/// reports its connections closed, so the desk drops them once cluster membership declares that silo dead.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Inbox.AgentConnection")]
public sealed record AgentConnection(
    [property: Id(0)] SiloAddress Gateway,
    [property: Id(1)] DateTimeOffset Since);
