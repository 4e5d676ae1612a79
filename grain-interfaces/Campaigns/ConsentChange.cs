using Kasse.Customers;

namespace Kasse.Campaigns;

/// <summary>
/// A change of consent made by the person (portal, app) or recorded by an agent. <see cref="ChangeId"/> is the
/// idempotency key. <see cref="Actor"/> is the user id (never a name); <see cref="Source"/> says where:
/// <c>portal</c>, <c>app</c>, <c>agent</c>, <c>integration</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ConsentChange")]
public sealed record ConsentChange(
    [property: Id(0)] string ChangeId,
    [property: Id(1)] ConsentChangeKind Kind,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Source,
    [property: Id(4)] PreferredChannel? PreferredChannel = null,
    [property: Id(5)] int? Priority = null);

public enum ConsentChangeKind
{
    AdvertisingConsentGiven = 0,
    AdvertisingConsentWithdrawn = 1,

    /// <summary>Objection to targeted offers (§68b SGB V): stops every campaign on every channel at once.</summary>
    ObjectionDeclared = 2,
    ObjectionWithdrawn = 3,
    PreferredChannelChanged = 4,
    PriorityChanged = 5,
}
