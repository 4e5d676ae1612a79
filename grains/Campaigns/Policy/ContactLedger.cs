using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// What a customer grain keeps of its ledger in memory: the contacts and outcomes within the policy's horizon (older
/// ones can no longer change a decision and are dropped), and the seq to continue from. Built by replaying
/// <c>customer_events</c>; every change is appended there first.
/// </summary>
public sealed class ContactLedger(DateTimeOffset loadedSince, long lastSeq)
{
    private readonly Dictionary<string, LedgerContact> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerOutcome> _outcomes = new(StringComparer.Ordinal);

    /// <summary>Events at or after this instant were loaded; a policy with a longer horizon needs a reload.</summary>
    public DateTimeOffset LoadedSince { get; private set; } = loadedSince;

    public long LastSeq { get; private set; } = lastSeq;

    // The collections themselves, not IEnumerable: a foreach over them allocates no enumerator (every check counts them).
    public Dictionary<string, LedgerContact>.ValueCollection Contacts => _contacts.Values;

    public Dictionary<string, LedgerOutcome>.ValueCollection Outcomes => _outcomes.Values;

    public int Size => _contacts.Count + _outcomes.Count;

    public long NextSeq() => ++LastSeq;

    public LedgerContact? Find(string contactId) => _contacts.GetValueOrDefault(contactId);

    public bool HasOutcome(string outcomeId) => _outcomes.ContainsKey(outcomeId);

    /// <summary>Applies one stored event (on load, and after each append). Consent changes are folded elsewhere.</summary>
    public void Apply(CustomerEventRecord e, int policyVersion = 0)
    {
        switch (e.Kind)
        {
            case CustomerEventKind.ContactReserved:
                _contacts[e.RefId] = new LedgerContact(
                    new ContactRequest(e.RefId, e.Source ?? default, e.Purpose ?? default, e.Channel ?? default, e.CampaignId, e.OfferId),
                    e.At, e.ExpiresAt ?? e.At, policyVersion);
                break;
            case CustomerEventKind.ContactConfirmed:
                SetStatus(e.RefId, ContactStatus.Confirmed);
                break;
            case CustomerEventKind.ContactReleased:
                SetStatus(e.RefId, ContactStatus.Released);
                break;
            case CustomerEventKind.ContactRevoked:
                SetStatus(e.RefId, ContactStatus.Revoked);
                break;
            case CustomerEventKind.OutcomeRecorded:
                _outcomes[e.RefId] = new LedgerOutcome(e.RefId, e.Outcome ?? default, e.Channel ?? default, e.OfferId, e.CampaignId, e.At);
                break;
            case CustomerEventKind.ConsentChanged:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "unknown customer event kind");
        }
        if (e.Seq > LastSeq)
            LastSeq = e.Seq;
    }

    /// <summary>Drops what lies before <paramref name="horizon"/>: it can no longer count against any limit.</summary>
    public void Prune(DateTimeOffset horizon)
    {
        // Called on every request: it looks first and copies only when something is to go.
        if (_contacts.Values.Any(c => c.ReservedAt < horizon && c.ExpiresAt < horizon))
        {
            foreach (var contact in _contacts.Values.Where(c => c.ReservedAt < horizon && c.ExpiresAt < horizon).ToList())
                _contacts.Remove(contact.Request.ContactId);
        }
        if (_outcomes.Values.Any(o => o.At < horizon))
        {
            foreach (var outcome in _outcomes.Values.Where(o => o.At < horizon).ToList())
                _outcomes.Remove(outcome.OutcomeId);
        }
        if (horizon > LoadedSince)
            LoadedSince = horizon;
    }

    private void SetStatus(string contactId, ContactStatus status)
    {
        // A state change of a contact older than what was loaded concerns nothing that still counts.
        if (_contacts.TryGetValue(contactId, out var contact))
            contact.StoredStatus = status;
    }
}
