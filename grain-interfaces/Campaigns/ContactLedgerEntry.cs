namespace Kasse.Campaigns;

/// <summary>One contact in a customer's ledger (what the agent's customer panel and the admin pages show).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactLedgerEntry")]
public sealed record ContactLedgerEntry(
    [property: Id(0)] string ContactId,
    [property: Id(1)] ContactSource Source,
    [property: Id(2)] ContactPurpose Purpose,
    [property: Id(3)] ContactChannel Channel,
    [property: Id(4)] string? CampaignId,
    [property: Id(5)] string? OfferId,
    [property: Id(6)] ContactStatus Status,
    [property: Id(7)] DateTimeOffset ReservedAt,
    [property: Id(8)] DateTimeOffset? ExpiresAt);
