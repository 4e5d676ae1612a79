using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Inbox;

namespace Kasse.Workspace;

/// <summary>
/// The customer of a work item as the agent workspace shows it beside the item: master data (null when the core system
/// delivered none, or the item has no customer), the customer's open work items, earlier (finished) work items as past
/// contacts, and the customer's conversations, newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Workspace.CustomerPanel")]
public sealed record CustomerPanel(
    [property: Id(0)] string ItemId,
    [property: Id(1)] CustomerProfile? Profile,
    [property: Id(2)] IReadOnlyList<WorkItemView> OpenItems,
    [property: Id(3)] IReadOnlyList<WorkItemView> EarlierItems,
    [property: Id(4)] IReadOnlyList<ConversationView> Conversations);
