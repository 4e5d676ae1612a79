using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Grains.Audit;
using Kasse.Grains.Conversations;
using Kasse.Inbox;
using Kasse.Workspace;
using Orleans.Concurrency;

namespace Kasse.Grains.Workspace;

/// <summary>
/// The workspace's reads across grains. Who may see an item's customer is decided here from the caller's desk (an offer
/// or assignment of the item) or the supervisor role, and every look at a customer — granted or refused — is appended
/// to the audit trail before anything is answered, as the conversation grain does for conversations.
/// </summary>
[StatelessWorker]
public sealed class AgentWorkspaceGrain(IAuditTrail audit, IWorkItemNoteStore notes, TimeProvider clock) : Grain, IAgentWorkspaceGrain
{
    public const int MaxWaiting = 200;
    public const int MaxNotes = 500;
    public const int MaxNoteLength = 4000;
    private const int MaxPanelEntries = 20;

    public async Task<IReadOnlyList<WorkItemView>> ListMyItems(string agentId)
    {
        var desk = await GrainFactory.GetGrain<IAgentDeskGrain>(agentId).GetDesk();
        var ids = desk.Offers.Select(o => o.ItemId).Concat(desk.AssignedItems).Distinct(StringComparer.Ordinal);
        var views = await Task.WhenAll(ids.Select(id => Item(id).GetView()));
        return views.OfType<WorkItemView>().ToArray();
    }

    public async Task<IReadOnlyList<WaitingItem>> ListWaiting(string agentId, AgentRoutingProfile profile, string? queue)
    {
        var own = QueueNames.ForAgent(profile);
        if (queue is not null && !own.Contains(queue, StringComparer.Ordinal))
            throw new WorkspaceException(WorkspaceErrors.QueueForbidden, "Diese Warteschlange bedienen Sie nicht.");
        var queues = queue is null ? own : [queue];
        var lists = await Task.WhenAll(queues.Select(q => GrainFactory.GetGrain<IRoutingQueueGrain>(q).ListWaiting(MaxWaiting)));
        return lists.SelectMany(l => l)
            .DistinctBy(w => w.ItemId)
            .OrderBy(w => w.Priority).ThenBy(w => w.SlaDeadline).ThenBy(w => w.CreatedAt)
            .Take(MaxWaiting)
            .ToArray();
    }

    public async Task<CustomerPanel> GetCustomerPanel(Participant reader, string itemId)
    {
        // A call ringing at the agent's desk (the telephony system put it through) shows its caller: the screen pop.
        var call = reader.IsStaff && !string.IsNullOrEmpty(itemId)
            ? (await GrainFactory.GetGrain<IAgentDeskGrain>(reader.UserId).GetDesk()).IncomingCall
            : null;
        var customerKey = call is not null && call.ItemId == itemId
            ? call.CustomerKey
            : (await EnsureHoldsAsync(reader, itemId, "customer-panel")).CustomerKey;
        if (customerKey is null)
            return new CustomerPanel(itemId, null, [], [], []);
        var customer = GrainFactory.GetGrain<ICustomerGrain>(customerKey);
        var profile = await customer.GetProfile();
        await AuditAsync(reader, "customer.panel.read", itemId, profile?.Kvnr ?? customerKey);
        var itemIds = await customer.ListWorkItems();
        var items = (await Task.WhenAll(itemIds.Take(MaxPanelEntries * 2).Select(id => Item(id).GetView()))).OfType<WorkItemView>().ToArray();
        var conversationIds = await customer.ListConversations();
        var conversations = await Task.WhenAll(conversationIds.Take(MaxPanelEntries)
            .Select(id => GrainFactory.GetGrain<IConversationGrain>(id).Describe()));
        return new CustomerPanel(
            itemId,
            profile,
            items.Where(i => !IsFinished(i.Status)).OrderBy(i => i.SlaDeadline).Take(MaxPanelEntries).ToArray(),
            items.Where(i => IsFinished(i.Status)).OrderByDescending(i => i.CreatedAt).Take(MaxPanelEntries).ToArray(),
            conversations.OfType<ConversationView>().OrderByDescending(c => c.StartedAt).ToArray());
    }

    public async Task<WorkItemNote> AddNote(Participant author, string itemId, Guid clientNoteId, string text)
    {
        if (clientNoteId == Guid.Empty)
            throw new WorkspaceException(WorkspaceErrors.InvalidText, "Die Kennung der Notiz fehlt.");
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxNoteLength || !PlainText.IsClean(text))
            throw new WorkspaceException(WorkspaceErrors.InvalidText, $"Die Notiz ist leer, länger als {MaxNoteLength} Zeichen oder enthält Steuerzeichen.");
        await EnsureHoldsAsync(author, itemId, "note.write");
        return await notes.AppendAsync(new WorkItemNote(itemId, clientNoteId, author.UserId, author.DisplayName, text.Trim(), clock.GetUtcNow()));
    }

    public async Task<IReadOnlyList<WorkItemNote>> ListNotes(Participant reader, string itemId)
    {
        await EnsureHoldsAsync(reader, itemId, "note.read");
        return await notes.ReadAsync(itemId, MaxNotes);
    }

    private IWorkItemGrain Item(string itemId) => GrainFactory.GetGrain<IWorkItemGrain>(itemId);

    private static bool IsFinished(WorkItemStatus status) => status is WorkItemStatus.Done or WorkItemStatus.Abandoned;

    /// <summary>
    /// The item, when the caller is a supervisor or holds it (an offer on the desk, or the assignment); otherwise the
    /// refusal is audited and thrown.
    /// </summary>
    private async Task<WorkItemView> EnsureHoldsAsync(Participant caller, string itemId, string purpose)
    {
        var item = string.IsNullOrEmpty(itemId) ? null : await Item(itemId).GetView();
        if (item is null)
            throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.");
        if (caller.Role == ParticipantRole.Supervisor || item.AgentId == caller.UserId)
            return item;
        if (caller.IsStaff)
        {
            var desk = await GrainFactory.GetGrain<IAgentDeskGrain>(caller.UserId).GetDesk();
            if (desk.AssignedItems.Contains(itemId) || desk.Offers.Any(o => o.ItemId == itemId))
                return item;
            await AuditAsync(caller, purpose + ".refused", itemId, item.CustomerKey);
        }
        throw new WorkspaceException(WorkspaceErrors.Forbidden, "Dieser Vorgang ist Ihnen weder angeboten noch zugewiesen.");
    }

    private Task AuditAsync(Participant actor, string action, string itemId, string? insuredId) => audit.AppendAsync(new AuditEntry(
        clock.GetUtcNow(), actor.UserId, actor.Role.ToString(), action, "work-item", itemId, insuredId));
}
