using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// One row of a customer's append-only ledger (<c>customer_events</c>): contacts reserved, confirmed, released or
/// revoked, outcomes, consent changes. <see cref="Seq"/> is gap-free per customer (the grain assigns it).
/// <see cref="RefId"/> is the contact id, outcome id or change id. <see cref="Consent"/> (ConsentChanged only) is the
/// change as JSON.
/// </summary>
public sealed record CustomerEventRecord(
    string CustomerKey,
    long Seq,
    CustomerEventKind Kind,
    DateTimeOffset At,
    string RefId,
    ContactChannel? Channel = null,
    ContactSource? Source = null,
    ContactPurpose? Purpose = null,
    string? CampaignId = null,
    string? OfferId = null,
    ContactOutcome? Outcome = null,
    DateTimeOffset? ExpiresAt = null,
    string? Consent = null);
