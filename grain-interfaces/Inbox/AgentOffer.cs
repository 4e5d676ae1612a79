namespace Kasse.Inbox;

/// <summary>An item reserved for an agent, waiting for accept or decline until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.AgentOffer")]
public sealed record AgentOffer(
    [property: Id(0)] Guid OfferId,
    [property: Id(1)] string ItemId,
    [property: Id(2)] WorkChannel Channel,
    [property: Id(3)] string Topic,
    [property: Id(4)] int Priority,
    [property: Id(5)] DateTimeOffset SlaDeadline,
    [property: Id(6)] DateTimeOffset ExpiresAt);
