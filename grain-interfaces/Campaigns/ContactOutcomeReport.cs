namespace Kasse.Campaigns;

/// <summary>
/// An outcome reported for a contact or an offer (banner clicked, offer rejected on the phone, …).
/// <see cref="OutcomeId"/> is the idempotency key.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactOutcomeReport")]
public sealed record ContactOutcomeReport(
    [property: Id(0)] string OutcomeId,
    [property: Id(1)] ContactChannel Channel,
    [property: Id(2)] ContactOutcome Outcome,
    [property: Id(3)] string? ContactId = null,
    [property: Id(4)] string? OfferId = null,
    [property: Id(5)] string? CampaignId = null);
