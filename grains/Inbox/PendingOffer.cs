namespace Kasse.Grains.Inbox;

/// <summary>An offer the item has recorded: to whom, until when, and what it costs the agent.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Inbox.PendingOffer")]
public sealed record PendingOffer(
    [property: Id(0)] Guid OfferId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] int Weight);
