using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Gateway;
using Kasse.Inbox;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Kasse.Web.Hubs;

/// <summary>The real-time channel of insured persons (portal and app).</summary>
[Authorize(Policy = KassePolicies.Insured)]
public sealed partial class CustomerHub(
    IGrainFactory grains, CustomerPseudonyms pseudonyms, UserConnections<CustomerHub> connections, GuidGrainReferences<IConversationGrain> conversations)
    : ConversationHubBase(grains, connections, conversations)
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
    /// idempotent. Errors: TOPIC_INVALID, CONVERSATION_FORBIDDEN (the id belongs to someone else),
    /// OUTSIDE_SERVICE_HOURS (the service is closed; the text says when it opens — offer <see cref="RequestCallback"/>).
    /// </summary>
    public async Task<ConversationView> StartConversation(Guid conversationId, string topic, string? caseReference)
    {
        await Grains.GetGrain<IServiceHoursGrain>(0).EnsureOpen();
        return await Conversation(conversationId).Start(Caller, topic ?? "", caseReference);
    }

    /// <summary>
    /// Whether a chat can start now: open?, the message key (<c>service.open</c>, <c>service.alwaysOpen</c>,
    /// <c>service.closed</c>, <c>service.closedHoliday</c>) with its German text, when it closes or opens next.
    /// </summary>
    public Task<ServiceStatus> GetServiceStatus() => Grains.GetGrain<IServiceHoursGrain>(0).GetStatus();

    /// <summary>
    /// Asks for a callback: creates a Callback work item, routed like any other. <paramref name="clientRequestId"/>
    /// (1–64 letters, digits, - or _) makes a repeated request create one item with the same reference.
    /// <paramref name="phone"/>: a German phone number in any usual notation; <paramref name="preferredFrom"/>: optional,
    /// the earliest time for the call (at most 30 days ahead). Errors: PHONE_INVALID, CALLBACK_INVALID, RATE_LIMITED.
    /// </summary>
    public Task<CallbackConfirmation> RequestCallback(string clientRequestId, string topic, string? phone, DateTimeOffset? preferredFrom) =>
        Grains.GetGrain<ICallbackIntakeGrain>(0).Request(
            new CallbackRequest(pseudonyms.KeyOf(Caller.UserId), clientRequestId ?? "", topic ?? "", phone, preferredFrom));

    /// <summary>
    /// Where the caller's waiting chat stands in line now (the latest <c>queuePosition</c> event), for a client that
    /// just (re)connected; null when the chat does not wait (any more). Errors: CONVERSATION_FORBIDDEN (not the caller's).
    /// </summary>
    public Task<QueuePositionNotice?> GetQueuePosition(Guid conversationId) =>
        conversationId == Guid.Empty
            ? throw HubErrors.Invalid("Die Gesprächskennung fehlt.")
            : Grains.GetGrain<IWorkItemGrain>(WorkItemKeys.External(WorkChannel.Chat, conversationId.ToString())).GetQueuePosition(Caller.UserId);
}
