namespace Kasse.Campaigns;

/// <summary>
/// An insured person as rules see them (pseudonymised: no name, no KVNR, no address): the input of target-group rules
/// and of offer eligibility, applicability and suitability. Built by the customer grain from the master data, its
/// consents, its ledger and the journey; the campaign batch builds the same record from a master-data row
/// (<c>CustomerFactsBuilder</c>) so a rule means the same everywhere. In rules: <c>input.Age &gt;= 18</c>,
/// <c>input.PreferredChannel == "EMAIL"</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CustomerFacts")]
public sealed record CustomerFacts(
    [property: Id(0)] string CustomerKey,
    [property: Id(1)] int Age,
    [property: Id(2)] bool AdvertisingConsent,
    [property: Id(3)] bool ObjectedToTargeting,
    [property: Id(4)] string PreferredChannel,
    [property: Id(5)] bool BonusProgramme,
    [property: Id(6)] string? Tariff,
    [property: Id(7)] string PostalCode,
    [property: Id(8)] int Priority,
    [property: Id(9)] int ContactsLast30Days,
    [property: Id(10)] string? LastTariffViewed,
    [property: Id(11)] DateTimeOffset? LastTariffViewedAt,
    [property: Id(12)] bool HasEmail,
    [property: Id(13)] bool HasPhone);
