namespace Kasse.Inbox;

/// <summary>
/// What routing knows of an agent: team, skills, capacity (from the identity provider's claims or an admin), and the
/// name customers see when the agent takes over their chat.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.AgentRoutingProfile")]
public sealed record AgentRoutingProfile(
    [property: Id(0)] string? Team,
    [property: Id(1)] IReadOnlyList<string> Skills,
    [property: Id(2)] AgentCapacity Capacity,
    [property: Id(30)] string? DisplayName = null);
