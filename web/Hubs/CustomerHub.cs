using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Kasse.Web.Hubs;

/// <summary>The real-time channel of insured persons (portal and app).</summary>
[Authorize(Policy = KassePolicies.Insured)]
public sealed class CustomerHub(IGrainFactory grains, CustomerPseudonyms pseudonyms, UserConnections<CustomerHub> connections) : ConversationHubBase(grains, connections)
{
    public const string Path = "/hubs/customer";

    /// <summary>The caller's own master data. Errors: <c>NOT_FOUND</c> when the core system has delivered none.</summary>
    public async Task<CustomerProfile> GetProfile()
    {
        var profile = await Grains.GetCustomer(pseudonyms, Context.UserIdentifier ?? "").GetProfile();
        return profile ?? throw HubErrors.NotFound("Für Sie liegen noch keine Stammdaten vor.");
    }

    /// <summary>The caller's conversations, newest first (the newest 100), so a reopened portal shows its history.</summary>
    public async Task<IReadOnlyList<ConversationView>> ListConversations()
    {
        var ids = await Grains.GetCustomer(pseudonyms, Caller.UserId).ListConversations();
        return await ViewsAsync(ids);
    }

    /// <summary>
    /// Opens a chat. The client chooses <paramref name="conversationId"/> (a new Guid), which makes a retried start
    /// idempotent. Errors: TOPIC_INVALID, CONVERSATION_FORBIDDEN (the id belongs to someone else).
    /// </summary>
    public Task<ConversationView> StartConversation(Guid conversationId, string topic, string? caseReference) =>
        Conversation(conversationId).Start(Caller, topic ?? "", caseReference);
}
