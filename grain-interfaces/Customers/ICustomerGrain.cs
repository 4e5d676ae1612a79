namespace Kasse.Customers;

/// <summary>
/// One insured person, keyed by a pseudonym of the KVNR (<see cref="CustomerPseudonyms"/>; find it with
/// <see cref="CustomerGrainFactoryExtensions.GetCustomer"/>). Owns the person's master data.
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
}
