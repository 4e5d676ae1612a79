using Kasse.Campaigns;

namespace Kasse.Customers;

/// <summary>
/// One insured person, keyed by a pseudonym of the KVNR (<see cref="CustomerPseudonyms"/>; find it with
/// <see cref="CustomerGrainFactoryExtensions.GetCustomer"/>). Owns the person's master data, consents, contact ledger
/// and journey context: every contact from any source reserves its slot here first (docs/campaigns.md).
/// </summary>
[Alias("Kasse.Customers.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the master data (delivered by the core insurance system).</summary>
    [Alias("UpsertProfile")]
    Task UpsertProfile(CustomerProfile profile);

    /// <summary>The master data, or null when the core system never delivered any.</summary>
    /// <summary>Remembers a conversation this person takes part in (the newest 100 are kept).</summary>
    [Alias("RecordConversation")]
    Task RecordConversation(Guid conversationId);

    /// <summary>The conversations this person took part in, newest first.</summary>
    [Alias("ListConversations")]
    Task<IReadOnlyList<Guid>> ListConversations();

    [Alias("GetProfile")]
    Task<CustomerProfile?> GetProfile();

    /// <summary>Remembers a work item of this person (the newest 100 are kept), for the agent's customer panel.</summary>
    [Alias("RecordWorkItem")]
    Task RecordWorkItem(string itemId);

    /// <summary>The work items of this person, newest first.</summary>
    [Alias("ListWorkItems")]
    Task<IReadOnlyList<string>> ListWorkItems();

    /// <summary>Remembers a form session of this person (the newest 100 are kept), for the portal's list of forms.</summary>
    [Alias("RecordFormSession")]
    Task RecordFormSession(Guid sessionId);

    /// <summary>The form sessions of this person, newest first.</summary>
    [Alias("ListFormSessions")]
    Task<IReadOnlyList<Guid>> ListFormSessions();

    // ---- Consents and contact policy (issue 13; CustomerGrain.Contacts.cs) ----

    /// <summary>
    /// Reserves a contact slot under the active contact policy, or refuses. Idempotent by
    /// <see cref="ContactRequest.ContactId"/>. The reservation is stored before the answer, so it holds across a silo
    /// failure; it expires when not confirmed in time.
    /// </summary>
    [Alias("ReserveContact")]
    Task<ContactDecision> ReserveContact(ContactRequest request);

    /// <summary>
    /// Confirms that the reserved contact happens. False when the slot is no longer reserved (released, expired, or
    /// revoked by an objection): then the caller must not contact. Idempotent.
    /// </summary>
    [Alias("ConfirmContact")]
    Task<bool> ConfirmContact(string contactId);

    /// <summary>
    /// <see cref="ReserveContact"/> and <see cref="ConfirmContact"/> in one call, for a caller that contacts right away
    /// (a batch run): the same checks and ledger events, one message instead of two. Granted means confirmed; a slot
    /// revoked between the two steps comes back refused as <see cref="ContactRefusal.Objection"/>. Idempotent.
    /// </summary>
    [Alias("ReserveAndConfirmContact")]
    Task<ContactDecision> ReserveAndConfirmContact(ContactRequest request);

    /// <summary>Gives a reserved slot back (the contact does not happen). Idempotent; unknown ids are ignored.</summary>
    [Alias("ReleaseContact")]
    Task ReleaseContact(string contactId);

    /// <summary>Records an outcome (suppression rules count these). Idempotent by <see cref="ContactOutcomeReport.OutcomeId"/>.</summary>
    [Alias("RecordOutcome")]
    Task RecordOutcome(ContactOutcomeReport report);

    /// <summary>Changes a consent; an objection revokes every open reservation at once. Idempotent by change id.</summary>
    [Alias("ChangeConsents")]
    Task<CustomerConsents> ChangeConsents(ConsentChange change);

    [Alias("GetConsents")]
    Task<CustomerConsents> GetConsents();

    /// <summary>Consents, ledger and suppressions in force (for the agent's customer panel; the caller audits).</summary>
    [Alias("GetContactView")]
    Task<CustomerContactView> GetContactView();

    /// <summary>The person as rules see them; null when neither the data warehouse nor the core system knows them.</summary>
    [Alias("GetFacts")]
    Task<CustomerFacts?> GetFacts();

    /// <summary>Reads the master data again (after a data-warehouse import changed the row).</summary>
    [Alias("ReloadMasterData")]
    Task ReloadMasterData();

    // ---- Journey (issue 13; CustomerGrain.Journey.cs) ----

    /// <summary>
    /// Applies a stored journey event (delivered by the <c>journey</c> stream or re-read after a gap). Idempotent by
    /// <see cref="JourneyEvent.Seq"/>.
    /// </summary>
    [Alias("ApplyJourneyEvent")]
    Task ApplyJourneyEvent(JourneyEvent journeyEvent);
}
