using Kasse.Conversations;
using Kasse.Web.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// What insured persons and agents do alike in a conversation. The grain decides and checks; the hub only maps the
/// caller to a participant and validates the shape of the arguments.
/// </summary>
public abstract class ConversationHubBase(IGrainFactory grains, UserConnections connections) : Hub
{
    protected IGrainFactory Grains { get; } = grains;

    // Deliveries to a user go to the user's connections on this host: a direct lookup, see UserConnections.
    public override Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { } userId)
            Context.Remember(connections.Add(userId, Context.ConnectionId, Context));
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.UserIdentifier is { } userId)
            connections.Remove(userId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    protected Participant Caller => Context.Participant();

    /// <summary>
    /// Sends a text message (plain text, 1–4,000 characters). <paramref name="clientMessageId"/> makes retries safe:
    /// the same id is stored once and acknowledged with the same seq. The ack comes once the message is durable.
    /// Errors: CONVERSATION_NOT_FOUND, CONVERSATION_FORBIDDEN, CONVERSATION_CLOSED, MESSAGE_EMPTY, MESSAGE_TOO_LONG,
    /// CLIENT_MESSAGE_ID_INVALID, RATE_LIMITED, UNAVAILABLE (retry with the same id). The ack carries the stored event;
    /// this connection gets no push of its own message (the caller's other connections do).
    /// </summary>
    public async Task<PostAck> SendMessage(Guid conversationId, string clientMessageId, string text)
    {
        var conversation = Conversation(conversationId);
        clientMessageId ??= "";
        // This connection takes its message from the ack, so the gateway leaves it out of the push (it matches the
        // event by sender and client message id; the grain knows nothing of connections).
        var self = Context.ClientConnection();
        self?.ExpectOwnWrite(conversationId, clientMessageId);
        try
        {
            var ack = await conversation.Post(Caller, clientMessageId, text ?? "");
            if (ack.Duplicate)
                self?.ForgetOwnWrite(conversationId, clientMessageId);
            return ack;
        }
        catch
        {
            self?.ForgetOwnWrite(conversationId, clientMessageId);
            throw;
        }
    }

    /// <summary>
    /// The events after <paramref name="afterSeq"/> (0 = from the start), in order, at most 500; call again with the
    /// last seq until fewer come back. Used on every (re)connect before live events are applied.
    /// </summary>
    public Task<IReadOnlyList<ConversationEvent>> Resume(Guid conversationId, long afterSeq) =>
        Conversation(conversationId).GetEventsAfter(Caller, Math.Max(0, afterSeq), IConversationGrain.MaxResumeBatch);

    /// <summary>The conversation's state, topic, participants and last seq.</summary>
    public Task<ConversationView> GetConversation(Guid conversationId) => Conversation(conversationId).GetView(Caller);

    /// <summary>Signals typing; the other side shows it until about 5 seconds pass without another call.</summary>
    public Task Typing(Guid conversationId) => Conversation(conversationId).Typing(Caller);

    /// <summary>Read receipt: the caller has seen all events up to <paramref name="seq"/>.</summary>
    public Task MarkRead(Guid conversationId, long seq) => Conversation(conversationId).MarkRead(Caller, seq);

    /// <summary>Ends the conversation for everyone; later messages are refused with CONVERSATION_CLOSED.</summary>
    public Task<ConversationView> CloseConversation(Guid conversationId) => Conversation(conversationId).Close(Caller);

    protected async Task<IReadOnlyList<ConversationView>> ViewsAsync(IEnumerable<Guid> ids)
    {
        var caller = Caller;
        return await Task.WhenAll(ids.Select(id => CachedGrainReferences<IConversationGrain>.Get(Grains, id).GetView(caller)));
    }

    protected IConversationGrain Conversation(Guid conversationId) =>
        conversationId == Guid.Empty
            ? throw HubErrors.Invalid("Die Gesprächskennung fehlt.")
            : CachedGrainReferences<IConversationGrain>.Get(Grains, conversationId);
}
