using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Customers;

// Consents and the contact ledger (issue 13, docs/campaigns.md). The ledger's truth is customer_events: every decision
// is appended there before the answer; memory holds only what decisions within the policy's horizon need. Calls are
// not interleaved (the grain is not reentrant), so a check and its reservation are one step: the limits hold exactly.
public sealed partial class CustomerGrain
{
    /// <summary>The longest reservation a caller may ask for; the policy's TTL applies when it asks for none.</summary>
    public static readonly TimeSpan MaxReservationTtl = TimeSpan.FromDays(7);

    private ContactLedger? _ledger;
    private ConsentOverrides _consentOverrides = new();
    private CustomerMasterRecord? _master;
    private bool _masterLoaded;
    private TimeProvider? _contactClock;

    public Task<ContactDecision> ReserveContact(ContactRequest request) => ReserveAsync(request, confirm: false);

    /// <summary>
    /// The policy check and the reservation in one step; with <paramref name="confirm"/> the confirmation is stored in
    /// the same append (nothing can change the consents between the two: the grain is not reentrant), so a batch
    /// contact costs one round trip to the ledger, and a crash leaves it either fully decided or not at all.
    /// </summary>
    private async Task<ContactDecision> ReserveAsync(ContactRequest request, bool confirm)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRequest(request);
        var now = ContactNow();
        var policy = contactPolicy.Current;
        var (ledger, master) = await LedgerAndMasterAsync(policy.Document, now);
        if (ledger.Find(request.ContactId) is { } known)
            return known.PolicyVersion == 0 ? known.Decision with { PolicyVersion = policy.Version } : known.Decision;
        if (master is null)
            return Refused(request, ContactRefusal.UnknownCustomer, null, policy.Version);
        var (refusal, rule) = ContactPolicyCheck.Evaluate(
            request, ConsentsOf(master), new ContactReachability(HasText(master.Email), HasText(master.Phone)), policy.Document, ledger, now);
        if (refusal != ContactRefusal.None)
            return Refused(request, refusal, rule, policy.Version);
        var ttl = request.ReservationTtl ?? TimeSpan.FromMinutes(policy.Document.ReservationTtlMinutes);
        var reserved = new CustomerEventRecord(
            this.GetPrimaryKeyString(), ledger.NextSeq(), CustomerEventKind.ContactReserved, now, request.ContactId,
            request.Channel, request.Source, request.Purpose, request.CampaignId, request.OfferId, ExpiresAt: now + ttl);
        if (!confirm)
        {
            await AppendAsync(reserved);
            ledger.Apply(reserved, policy.Version);
            return ledger.Find(request.ContactId)!.Decision;
        }
        var confirmed = reserved with { Seq = ledger.NextSeq(), Kind = CustomerEventKind.ContactConfirmed, ExpiresAt = null };
        await AppendAllAsync([reserved, confirmed]);
        ledger.Apply(reserved, policy.Version);
        ledger.Apply(confirmed);
        return ledger.Find(request.ContactId)!.Decision;
    }

    public async Task<bool> ConfirmContact(string contactId)
    {
        var now = ContactNow();
        var ledger = await LedgerAsync(contactPolicy.Current.Document, now);
        var contact = ledger.Find(contactId);
        switch (contact?.StatusAt(now))
        {
            case ContactStatus.Confirmed:
                return true;
            case ContactStatus.Reserved:
                var confirmed = MayStillHappen(contact, await MasterAsync());
                await AppendChangeAsync(ledger, contact, confirmed ? CustomerEventKind.ContactConfirmed : CustomerEventKind.ContactRevoked, now);
                return confirmed;
            default:
                return false;
        }
    }

    public async Task<ContactDecision> ReserveAndConfirmContact(ContactRequest request)
    {
        // A batch run touches millions of customers once each: an activation it woke goes once it has its answer, so
        // the silo's memory (and its garbage collector) does not hold them all. Everything decided is stored already.
        if (request.Source == ContactSource.CampaignBatch && _ledger is null && _stored is null)
            DeactivateOnIdle();
        var decision = await ReserveAsync(request, confirm: true);
        if (!decision.Granted || _ledger?.Find(request.ContactId)?.StoredStatus == ContactStatus.Confirmed)
            return decision;
        // Reserved by an earlier call and not confirmed yet: confirmed now, if still open.
        return await ConfirmContact(request.ContactId)
            ? decision
            : decision with { Granted = false, Refusal = ContactRefusal.Objection, ExpiresAt = null };
    }

    public async Task ReleaseContact(string contactId)
    {
        var now = ContactNow();
        var ledger = await LedgerAsync(contactPolicy.Current.Document, now);
        if (ledger.Find(contactId) is { } contact && contact.IsOpenAt(now))
            await AppendChangeAsync(ledger, contact, CustomerEventKind.ContactReleased, now);
    }

    public async Task RecordOutcome(ContactOutcomeReport report)
    {
        ValidateOutcome(report);
        var now = ContactNow();
        var ledger = await LedgerAsync(contactPolicy.Current.Document, now);
        if (ledger.HasOutcome(report.OutcomeId))
            return;
        var recorded = OutcomeRecord(ledger, report, now);
        await AppendAsync(recorded);
        ledger.Apply(recorded);
    }

    /// <summary>
    /// <see cref="ConfirmContact"/> (when <paramref name="confirm"/>) and <see cref="RecordOutcome"/> in one step and one
    /// append: the outcome of a shown offer (next best action).
    /// </summary>
    private async Task ConfirmAndRecordOutcomeAsync(ContactOutcomeReport report, bool confirm)
    {
        ValidateOutcome(report);
        var now = ContactNow();
        var (ledger, master) = await LedgerAndMasterAsync(contactPolicy.Current.Document, now);
        var records = new List<CustomerEventRecord>(2);
        if (confirm && report.ContactId is not null && ledger.Find(report.ContactId) is { } contact && contact.IsOpenAt(now))
            records.Add(ChangeRecord(ledger, contact,
                MayStillHappen(contact, master) ? CustomerEventKind.ContactConfirmed : CustomerEventKind.ContactRevoked, now));
        if (!ledger.HasOutcome(report.OutcomeId))
            records.Add(OutcomeRecord(ledger, report, now));
        if (records.Count == 0)
            return;
        await AppendAllAsync(records);
        foreach (var record in records)
            ledger.Apply(record);
    }

    /// <summary>The outcome as a ledger event; the contact names the offer and campaign when the reporter did not (suppressions group by them).</summary>
    private CustomerEventRecord OutcomeRecord(ContactLedger ledger, ContactOutcomeReport report, DateTimeOffset now)
    {
        var contact = report.ContactId is null ? null : ledger.Find(report.ContactId);
        return new CustomerEventRecord(
            this.GetPrimaryKeyString(), ledger.NextSeq(), CustomerEventKind.OutcomeRecorded, now, report.OutcomeId,
            report.Channel, contact?.Request.Source, contact?.Request.Purpose,
            report.CampaignId ?? contact?.Request.CampaignId, report.OfferId ?? contact?.Request.OfferId, report.Outcome);
    }

    /// <summary>
    /// Whether a reserved contact may still be confirmed. Normally an objection or a withdrawn consent revoked it
    /// already; this also holds when that revocation failed midway.
    /// </summary>
    private bool MayStillHappen(LedgerContact contact, CustomerMasterRecord? master)
    {
        var consents = ConsentsOf(master);
        return !consents.ObjectedToTargeting && (contact.Request.Purpose != ContactPurpose.Marketing || consents.AdvertisingConsent);
    }

    private static void ValidateOutcome(ContactOutcomeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.OutcomeId is not { Length: > 0 and <= 200 } || !Enum.IsDefined(report.Outcome) || !Enum.IsDefined(report.Channel))
            throw new ArgumentException("An outcome needs an id of 1 to 200 characters, a known outcome and a known channel.", nameof(report));
    }

    public async Task<CustomerConsents> ChangeConsents(ConsentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (ConsentOverrides.Invalid(change) is { } reason)
            throw new ArgumentException($"Invalid consent change: {reason}.", nameof(change));
        var now = ContactNow();
        var ledger = await LedgerAsync(contactPolicy.Current.Document, now);
        var master = await MasterAsync();
        if (_consentOverrides.Knows(change.ChangeId))
            return ConsentsOf(master);
        var changed = new CustomerEventRecord(
            this.GetPrimaryKeyString(), ledger.NextSeq(), CustomerEventKind.ConsentChanged, now, change.ChangeId,
            Consent: ConsentOverrides.ToJson(change));
        await AppendAsync(changed);
        ledger.Apply(changed);
        _consentOverrides.Apply(change, now);
        await RevokeOpenReservationsAsync(ledger, change.Kind, now);
        return ConsentsOf(master);
    }

    public async Task<CustomerConsents> GetConsents()
    {
        await LedgerAsync(contactPolicy.Current.Document, ContactNow());
        return ConsentsOf(await MasterAsync());
    }

    public async Task<CustomerContactView> GetContactView()
    {
        var now = ContactNow();
        var policy = contactPolicy.Current;
        var ledger = await LedgerAsync(policy.Document, now);
        var contacts = ledger.Contacts.OrderByDescending(c => c.ReservedAt).Select(c => c.ToEntry(now)).ToList();
        var suppressions = ContactPolicyCheck.ActiveSuppressions(policy.Document, ledger, now).Select(s => s.ToView()).ToList();
        return new CustomerContactView(ConsentsOf(await MasterAsync()), contacts, suppressions, policy.Version);
    }

    public Task<CustomerFacts?> GetFacts() => FactsAsync();

    /// <summary>The facts; on a new activation the ledger, the master data and the journey are read at once.</summary>
    private async Task<CustomerFacts?> FactsAsync()
    {
        var now = ContactNow();
        var journey = LastTariffViewedAsync();
        var (ledger, master) = await LedgerAndMasterAsync(contactPolicy.Current.Document, now);
        var (tariff, tariffAt) = await journey;
        if (master is null)
            return null;
        var since = now.AddDays(-PolicyHorizon.FactsWindowDays);
        var contactsLast30Days = 0;
        foreach (var contact in ledger.Contacts)
        {
            if (contact.ReservedAt >= since && contact.CountsAt(now))
                contactsLast30Days++;
        }
        var today = DateOnly.FromDateTime(BerlinTime.LocalOf(now));
        return CustomerFactsBuilder.From(master, ConsentsOf(master), today, contactsLast30Days, tariff, tariffAt);
    }

    public async Task ReloadMasterData()
    {
        _master = await masterData.GetAsync(this.GetPrimaryKeyString());
        _masterLoaded = true;
    }

    /// <summary>An objection revokes every open reservation; a withdrawn advertising consent every open marketing one.</summary>
    private async Task RevokeOpenReservationsAsync(ContactLedger ledger, ConsentChangeKind kind, DateTimeOffset now)
    {
        if (kind is not (ConsentChangeKind.ObjectionDeclared or ConsentChangeKind.AdvertisingConsentWithdrawn))
            return;
        var revoked = ledger.Contacts
            .Where(c => c.IsOpenAt(now) && (kind == ConsentChangeKind.ObjectionDeclared || c.Request.Purpose == ContactPurpose.Marketing))
            .OrderBy(c => c.ReservedAt)
            .Select(c => ChangeRecord(ledger, c, CustomerEventKind.ContactRevoked, now))
            .ToList();
        // One append for all of them: stored together, answered once all are durable.
        await AppendAllAsync(revoked);
        foreach (var record in revoked)
            ledger.Apply(record);
    }

    private async Task AppendChangeAsync(ContactLedger ledger, LedgerContact contact, CustomerEventKind kind, DateTimeOffset now)
    {
        var record = ChangeRecord(ledger, contact, kind, now);
        await AppendAsync(record);
        ledger.Apply(record);
    }

    private CustomerEventRecord ChangeRecord(ContactLedger ledger, LedgerContact contact, CustomerEventKind kind, DateTimeOffset now) => new(
        this.GetPrimaryKeyString(), ledger.NextSeq(), kind, now, contact.Request.ContactId, contact.Request.Channel,
        contact.Request.Source, contact.Request.Purpose, contact.Request.CampaignId, contact.Request.OfferId);

    /// <summary>Appends durably; after a failure memory is dropped (the next call reloads what is stored) and the call fails.</summary>
    private async Task AppendAsync(CustomerEventRecord record)
    {
        try
        {
            await ledgerStore.AppendAsync(record);
        }
        catch
        {
            ForgetLedger();
            throw;
        }
    }

    /// <inheritdoc cref="AppendAsync"/>
    private async Task AppendAllAsync(IReadOnlyList<CustomerEventRecord> records)
    {
        try
        {
            await ledgerStore.AppendAllAsync(records);
        }
        catch
        {
            ForgetLedger();
            throw;
        }
    }

    /// <summary>
    /// The ledger and the master data; on a new activation both are read at once (a batch contact waits for one
    /// round of reads instead of two).
    /// </summary>
    private async Task<(ContactLedger Ledger, CustomerMasterRecord? Master)> LedgerAndMasterAsync(ContactPolicyDocument policy, DateTimeOffset now)
    {
        var master = MasterAsync();
        var ledger = LedgerAsync(policy, now);
        if (!master.IsCompleted || !ledger.IsCompleted)
            await Task.WhenAll(master, ledger);
        return (await ledger, await master);
    }

    private void ForgetLedger()
    {
        _ledger = null;
        DeactivateOnIdle();
    }

    /// <summary>The ledger, loaded on first use (and again when a new policy looks further back than what was loaded).</summary>
    private async Task<ContactLedger> LedgerAsync(ContactPolicyDocument policy, DateTimeOffset now)
    {
        var since = PolicyHorizon.Since(policy, now);
        if (_ledger is { } loaded && loaded.LoadedSince <= since)
        {
            loaded.Prune(since);
            return loaded;
        }
        var snapshot = await ledgerStore.ReadAsync(this.GetPrimaryKeyString(), since);
        var ledger = new ContactLedger(since, snapshot.LastSeq);
        var overrides = new ConsentOverrides();
        foreach (var e in snapshot.Events)
        {
            if (e.Kind == CustomerEventKind.ConsentChanged)
            {
                if (e.Consent is { } json)
                    overrides.Apply(ConsentOverrides.FromJson(json), e.At);
            }
            else if (e.At >= since)
                ledger.Apply(e);
        }
        (_ledger, _consentOverrides) = (ledger, overrides);
        return ledger;
    }

    /// <summary>The master data (data warehouse), or one made from the core system's profile; null when neither knows the person.</summary>
    private async Task<CustomerMasterRecord?> MasterAsync()
    {
        if (!_masterLoaded)
            await ReloadMasterData();
        if (_master is not null)
            return _master;
        return (await Stored.GetAsync()).Profile is { } p
            ? new CustomerMasterRecord(this.GetPrimaryKeyString(), p.Kvnr, p.GivenName, p.FamilyName, p.BirthDate, "", "", "", null, p.Email,
                p.PreferredChannel, AdvertisingConsent: false, BonusProgramme: false, Tariff: null)
            : null;
    }

    private CustomerConsents ConsentsOf(CustomerMasterRecord? master) =>
        _consentOverrides.Over(master?.AdvertisingConsent ?? false, master?.PreferredChannel ?? PreferredChannel.Post);

    private DateTimeOffset ContactNow()
    {
        _contactClock ??= ServiceProvider.GetKeyedService<TimeProvider>(ContactClock.Key) ?? clock;
        return _contactClock.GetUtcNow();
    }

    private static ContactDecision Refused(ContactRequest request, ContactRefusal refusal, string? rule, int policyVersion) =>
        new(request.ContactId, false, refusal, rule, null, policyVersion);

    private static void ValidateRequest(ContactRequest request)
    {
        if (request.ContactId is not { Length: > 0 and <= 200 })
            throw new ArgumentException("A contact id needs 1 to 200 characters.", nameof(request));
        if (!Enum.IsDefined(request.Source) || !Enum.IsDefined(request.Purpose) || !Enum.IsDefined(request.Channel))
            throw new ArgumentException("Unknown source, purpose or channel.", nameof(request));
        if (request.ReservationTtl is { } ttl && (ttl <= TimeSpan.Zero || ttl > MaxReservationTtl))
            throw new ArgumentException($"A reservation lasts more than zero and at most {MaxReservationTtl.TotalDays} days.", nameof(request));
    }

    private static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);
}
