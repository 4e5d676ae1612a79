namespace Kasse.Campaigns;

/// <summary>The contact side of a customer for the agent's customer panel and the admin pages (access is audited).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CustomerContactView")]
public sealed record CustomerContactView(
    [property: Id(0)] CustomerConsents Consents,
    [property: Id(1)] IReadOnlyList<ContactLedgerEntry> Contacts,
    [property: Id(2)] IReadOnlyList<ActiveSuppression> Suppressions,
    [property: Id(3)] int PolicyVersion);

/// <summary>A suppression in force, e.g. "no offer X again for 30 days after a rejection".</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ActiveSuppression")]
public sealed record ActiveSuppression(
    [property: Id(0)] string Rule,
    [property: Id(1)] string? OfferId,
    [property: Id(2)] string? CampaignId,
    [property: Id(3)] ContactChannel? Channel,
    [property: Id(4)] DateTimeOffset Until);
