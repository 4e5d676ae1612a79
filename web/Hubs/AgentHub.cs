using Kasse.Agents;
using Kasse.Conversations;
using Kasse.Inbox;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Kasse.Workspace;
using Microsoft.AspNetCore.Authorization;

namespace Kasse.Web.Hubs;

/// <summary>
/// The real-time channel of service agents (agent workspace): conversations, the agent's desk (pushed as client event
/// <c>desk</c> on every change), offers, the waiting items of the agent's queues, the customer panel, canned responses
/// and internal notes. See docs/realtime-api.md.
/// </summary>
[Authorize(Policy = KassePolicies.Agent)]
public sealed partial class AgentHub(
    IGrainFactory grains, UserConnections<AgentHub> connections, GuidGrainReferences<IConversationGrain> conversations)
    : ConversationHubBase(grains, connections, conversations), IReceivesAgentDesk
{
    public const string Path = "/hubs/agent";

    /// <summary>The caller's own agent profile (team, skills). Errors: <c>NOT_FOUND</c> for an unknown agent.</summary>
    public async Task<AgentProfile> GetProfile()
    {
        var profile = await Grains.GetGrain<IAgentGrain>(Context.UserIdentifier ?? "").GetProfile();
        return profile ?? throw HubErrors.NotFound("Für Sie ist kein Beraterprofil angelegt.");
    }

    /// <summary>The conversations the agent joined, newest first (the newest 100).</summary>
    public async Task<IReadOnlyList<ConversationView>> ListConversations()
    {
        var ids = await Grains.GetGrain<IAgentGrain>(Caller.UserId).ListConversations();
        return await ViewsAsync(ids);
    }

    /// <summary>
    /// Opens a conversation: only the agent its chat is assigned to (accepting the inbox's offer joins the agent; this
    /// call then returns the view) or a supervisor; the access is audited. Errors: CONVERSATION_NOT_FOUND,
    /// CONVERSATION_CLOSED, CONVERSATION_NOT_ASSIGNED (another agent holds the chat, or nobody has accepted it yet).
    /// </summary>
    public Task<ConversationView> JoinConversation(Guid conversationId) => Conversation(conversationId).Join(Caller);

    /// <summary>The caller's desk: presence, load, open offers, assigned items. Changes arrive as client event <c>desk</c>.</summary>
    public Task<AgentDeskView> GetDesk() => Desk().GetDesk();

    /// <summary>
    /// Sets presence (Available, Busy, Away, Offline); team, skills and capacity come from the token, as with
    /// <c>PUT /api/agent/presence</c>. Only available agents get offers. Errors: WORK_ITEM_INVALID, INBOX_RETRY.
    /// </summary>
    public Task<AgentDeskView> SetPresence(AgentPresence presence) => Desk().SetPresence(presence, Context.User!.ToRoutingProfile());

    /// <summary>Accepts an offer; the item is then this agent's alone. Errors: OFFER_GONE (declined, expired, taken), INBOX_RETRY.</summary>
    public Task<WorkItemView> AcceptOffer(Guid offerId) => Desk().Accept(offerId);

    /// <summary>Declines an offer; the item goes to the next agent. Declining an offer that is gone changes nothing.</summary>
    public Task DeclineOffer(Guid offerId) => Desk().Decline(offerId);

    /// <summary>Wraps up an assigned item; its capacity is free again. Errors: WORK_ITEM_NOT_ASSIGNED.</summary>
    public Task CompleteWorkItem(string itemId) => Desk().Complete(itemId ?? "");

    /// <summary>The items offered or assigned to the caller, as they stand (for the inbox list "Meine").</summary>
    public Task<IReadOnlyList<WorkItemView>> ListMyItems() => Workspace().ListMyItems(Caller.UserId);

    /// <summary>
    /// The items waiting in the caller's queues (team, skills, general), or in one of them (<paramref name="queue"/>,
    /// e.g. <c>team:Team Nord</c>), in queue order; no customer data. Errors: QUEUE_FORBIDDEN.
    /// </summary>
    public Task<IReadOnlyList<WaitingItem>> ListWaiting(string? queue) =>
        Workspace().ListWaiting(Caller.UserId, Context.User!.ToRoutingProfile(), string.IsNullOrEmpty(queue) ? null : queue);

    /// <summary>
    /// The customer of an item the caller holds (offer or assignment; supervisors any): master data, open and earlier
    /// work items, conversations. Audited. Errors: WORK_ITEM_NOT_FOUND, WORK_ITEM_FORBIDDEN.
    /// </summary>
    public Task<CustomerPanel> GetCustomerPanel(string itemId) => Workspace().GetCustomerPanel(Caller, itemId ?? "");

    /// <summary>The canned responses of the caller's team (placeholders {Anrede}, {Vorname}, {Nachname}, {Agent}).</summary>
    public Task<IReadOnlyList<CannedResponse>> ListCannedResponses() =>
        Grains.GetGrain<ICannedResponsesGrain>(Context.User!.ToRoutingProfile().Team ?? "").List();

    /// <summary>
    /// Adds an internal note to an item the caller holds; the customer never sees it. <paramref name="clientNoteId"/>
    /// makes a retry safe. Errors: WORKSPACE_TEXT_INVALID, WORK_ITEM_NOT_FOUND, WORK_ITEM_FORBIDDEN.
    /// </summary>
    public Task<WorkItemNote> AddNote(string itemId, Guid clientNoteId, string text) =>
        Workspace().AddNote(Caller, itemId ?? "", clientNoteId, text ?? "");

    /// <summary>The internal notes of an item the caller holds, oldest first. Errors: WORK_ITEM_NOT_FOUND, WORK_ITEM_FORBIDDEN.</summary>
    public Task<IReadOnlyList<WorkItemNote>> ListNotes(string itemId) => Workspace().ListNotes(Caller, itemId ?? "");

    private IAgentDeskGrain Desk() => Grains.GetGrain<IAgentDeskGrain>(Caller.UserId);

    private IAgentWorkspaceGrain Workspace() => Grains.GetGrain<IAgentWorkspaceGrain>(0);
}
