using Kasse.Agents;
using Kasse.Conversations;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Kasse.Web.Hubs;

/// <summary>The real-time channel of service agents (agent desktop).</summary>
[Authorize(Policy = KassePolicies.Agent)]
public sealed class AgentHub(IGrainFactory grains, UserConnections<AgentHub> connections) : ConversationHubBase(grains, connections)
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
}
