namespace Kasse.Campaigns;

/// <summary>
/// A request to reserve a contact slot. <see cref="ContactId"/> is the idempotency key: asking again with the same id
/// returns the first decision and reserves nothing more (a batch run replayed after a silo restart contacts nobody
/// twice). Campaign batches use <c>{campaignId}:{runId:N}:{customerKey}</c>; other sources a new Guid per contact.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactRequest")]
public sealed record ContactRequest(
    [property: Id(0)] string ContactId,
    [property: Id(1)] ContactSource Source,
    [property: Id(2)] ContactPurpose Purpose,
    [property: Id(3)] ContactChannel Channel,
    [property: Id(4)] string? CampaignId = null,
    [property: Id(5)] string? OfferId = null,
    [property: Id(6)] TimeSpan? ReservationTtl = null);
