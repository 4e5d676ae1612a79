using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>
/// The full, append-only history of conversations. Appends are idempotent per (conversation, seq), so a grain that
/// re-appends after a crash cannot create duplicates, and per (conversation, sender, client message id), so a retried
/// message is stored once however late the retry comes.
/// </summary>
public interface IConversationHistory
{
    /// <summary>
    /// Completes once the event is durable, with the event the history holds: the given one, or — when the sender's
    /// client message id is already stored under another seq — that original event, and nothing new is stored.
    /// </summary>
    Task<ConversationEvent> AppendAsync(ConversationEvent conversationEvent);

    /// <summary>Events after <paramref name="afterSeq"/> in ascending order.</summary>
    Task<IReadOnlyList<ConversationEvent>> ReadAfterAsync(Guid conversationId, long afterSeq, int max);

    /// <summary>The newest <paramref name="count"/> events in ascending order (to rebuild a grain's memory).</summary>
    Task<IReadOnlyList<ConversationEvent>> ReadTailAsync(Guid conversationId, int count);

    /// <summary>
    /// Whether the history holds an event of <paramref name="kind"/> (from <paramref name="senderId"/>, or from anyone
    /// when null): how a grain tells a half-done join or close, whose state was stored but whose event was not, from a
    /// finished one.
    /// </summary>
    Task<bool> ContainsAsync(Guid conversationId, ConversationEventKind kind, string? senderId);

    /// <summary>The newest <paramref name="count"/> client message ids with their sender and seq, ascending.</summary>
    Task<IReadOnlyList<(string SenderId, string ClientMessageId, long Seq)>> ReadRecentClientIdsAsync(Guid conversationId, int count);

    /// <summary>The event stored for a sender's client message id, or null: how a retry older than the grain's memory finds its original.</summary>
    Task<ConversationEvent?> FindByClientMessageIdAsync(Guid conversationId, string senderId, string clientMessageId);
}
