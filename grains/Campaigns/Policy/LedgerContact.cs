using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>One contact slot as the customer grain keeps it in memory (rebuilt from <c>customer_events</c>).</summary>
public sealed class LedgerContact(ContactRequest request, DateTimeOffset reservedAt, DateTimeOffset expiresAt, int policyVersion)
{
    public ContactRequest Request { get; } = request;

    public DateTimeOffset ReservedAt { get; } = reservedAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public int PolicyVersion { get; } = policyVersion;

    /// <summary>Reserved, Confirmed, Released or Revoked as stored; <see cref="StatusAt"/> adds Expired.</summary>
    public ContactStatus StoredStatus { get; set; } = ContactStatus.Reserved;

    public ContactStatus StatusAt(DateTimeOffset now) =>
        StoredStatus == ContactStatus.Reserved && now >= ExpiresAt ? ContactStatus.Expired : StoredStatus;

    /// <summary>A slot counts against the limits while it is confirmed, or reserved and not yet expired.</summary>
    public bool CountsAt(DateTimeOffset now) => StatusAt(now) is ContactStatus.Reserved or ContactStatus.Confirmed;

    public bool IsOpenAt(DateTimeOffset now) => StatusAt(now) == ContactStatus.Reserved;

    public ContactDecision Decision => new(Request.ContactId, true, ContactRefusal.None, null, ExpiresAt, PolicyVersion);

    public ContactLedgerEntry ToEntry(DateTimeOffset now) => new(
        Request.ContactId, Request.Source, Request.Purpose, Request.Channel, Request.CampaignId, Request.OfferId,
        StatusAt(now), ReservedAt, ExpiresAt);
}

/// <summary>One outcome as the customer grain keeps it (suppressions count these).</summary>
public sealed record LedgerOutcome(string OutcomeId, ContactOutcome Outcome, ContactChannel Channel, string? OfferId, string? CampaignId, DateTimeOffset At);
