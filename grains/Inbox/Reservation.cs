using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>Capacity held for an offer of an item until the item accepts, or says the offer is gone.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Inbox.Reservation")]
public sealed record Reservation(
    [property: Id(0)] string ItemId,
    [property: Id(1)] WorkChannel Channel,
    [property: Id(2)] int Weight,
    [property: Id(3)] DateTimeOffset ExpiresAt);
