using Kasse.Customers;

namespace Kasse.Campaigns;

/// <summary>
/// What a customer allows, as the customer grain decides it: the data warehouse's delivery, overridden by any later
/// change the person made in the portal or app or told an agent (<see cref="ConsentChange"/>). Priority 0–100
/// (higher is contacted first when limits bite); default 50.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CustomerConsents")]
public sealed record CustomerConsents(
    [property: Id(0)] bool AdvertisingConsent,
    [property: Id(1)] bool ObjectedToTargeting,
    [property: Id(2)] PreferredChannel PreferredChannel,
    [property: Id(3)] int Priority,
    [property: Id(4)] DateTimeOffset? ChangedAt,
    [property: Id(5)] string? ChangedBy);
