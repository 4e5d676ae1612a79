using Kasse.Conversations;
using Kasse.Inbox;

namespace Kasse.Workspace;

/// <summary>
/// The reads and notes of the agent workspace that span several grains: the agent's items, the waiting items of the
/// agent's queues, the customer panel of an item the agent holds (audited), and internal notes on a work item. Every
/// call names who asks; access to an item needs an offer or assignment of it on the caller's desk, or the supervisor
/// role. Stateless: the desks, items, queues and customers own the data.
/// </summary>
[Alias("Kasse.Workspace.IAgentWorkspaceGrain")]
public interface IAgentWorkspaceGrain : IGrainWithIntegerKey
{
    /// <summary>The items offered to or assigned to the agent, as they stand.</summary>
    [Alias("ListMyItems")]
    Task<IReadOnlyList<WorkItemView>> ListMyItems(string agentId);

    /// <summary>
    /// The items waiting in the agent's queues (or in <paramref name="queue"/>, which must be one of them), in queue
    /// order, without personal data.
    /// </summary>
    [Alias("ListWaiting")]
    Task<IReadOnlyList<WaitingItem>> ListWaiting(string agentId, AgentRoutingProfile profile, string? queue);

    /// <summary>The customer of an item: master data, open and earlier work items, conversations. Audited.</summary>
    [Alias("GetCustomerPanel")]
    Task<CustomerPanel> GetCustomerPanel(Participant reader, string itemId);

    /// <summary>Adds an internal note to an item (idempotent by <paramref name="clientNoteId"/>); the customer never sees it.</summary>
    [Alias("AddNote")]
    Task<WorkItemNote> AddNote(Participant author, string itemId, Guid clientNoteId, string text);

    /// <summary>The internal notes of an item, oldest first.</summary>
    [Alias("ListNotes")]
    Task<IReadOnlyList<WorkItemNote>> ListNotes(Participant reader, string itemId);
}
