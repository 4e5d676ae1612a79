using System.Collections.Concurrent;
using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>The embedded default's history: per process, in memory, with the same uniqueness as the table.</summary>
public sealed class InMemoryConversationHistory : IConversationHistory
{
    private readonly ConcurrentDictionary<Guid, StoredConversation> _conversations = new();

    public Task<ConversationEvent> AppendAsync(ConversationEvent conversationEvent)
    {
        var conversation = _conversations.GetOrAdd(conversationEvent.ConversationId, _ => new StoredConversation());
        lock (conversation)
            return Task.FromResult(conversation.Append(conversationEvent));
    }

    public Task<IReadOnlyList<ConversationEvent>> ReadAfterAsync(Guid conversationId, long afterSeq, int max) =>
        Task.FromResult(Read(conversationId, events => events.Where(e => e.Key > afterSeq).Take(max)));

    public Task<IReadOnlyList<ConversationEvent>> ReadTailAsync(Guid conversationId, int count) =>
        Task.FromResult(Read(conversationId, events => events.Skip(Math.Max(0, events.Count - count))));

    public Task<IReadOnlyList<(string SenderId, string ClientMessageId, long Seq)>> ReadRecentClientIdsAsync(Guid conversationId, int count) =>
        Task.FromResult<IReadOnlyList<(string, string, long)>>(
            Read(conversationId, events => events)
                .Where(e => e.ClientMessageId is not null)
                .TakeLast(count)
                .Select(e => (e.SenderId, e.ClientMessageId!, e.Seq))
                .ToArray());

    public Task<bool> ContainsAsync(Guid conversationId, ConversationEventKind kind, string? senderId) =>
        Task.FromResult(Read(conversationId, events => events).Any(e => e.Kind == kind && (senderId is null || e.SenderId == senderId)));

    public Task<ConversationEvent?> FindByClientMessageIdAsync(Guid conversationId, string senderId, string clientMessageId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
            return Task.FromResult<ConversationEvent?>(null);
        lock (conversation)
            return Task.FromResult(conversation.ByClientId.GetValueOrDefault((senderId, clientMessageId)));
    }

    private IReadOnlyList<ConversationEvent> Read(
        Guid conversationId, Func<SortedList<long, ConversationEvent>, IEnumerable<KeyValuePair<long, ConversationEvent>>> select)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
            return [];
        lock (conversation)
            return select(conversation.BySeq).Select(e => e.Value).ToArray();
    }

    /// <summary>One conversation's events, keyed as the table is: by seq, and by (sender, client message id).</summary>
    private sealed class StoredConversation
    {
        public SortedList<long, ConversationEvent> BySeq { get; } = [];

        public Dictionary<(string SenderId, string ClientMessageId), ConversationEvent> ByClientId { get; } = [];

        public ConversationEvent Append(ConversationEvent e)
        {
            if (e.ClientMessageId is { } clientId && ByClientId.TryGetValue((e.SenderId, clientId), out var original))
                return original;
            if (BySeq.TryGetValue(e.Seq, out var taken))
            {
                return taken.Kind == e.Kind && taken.SenderId == e.SenderId && taken.ClientMessageId == e.ClientMessageId
                    ? taken
                    : throw new InvalidOperationException("the sequence number is already taken by another event");
            }
            BySeq.Add(e.Seq, e);
            if (e.ClientMessageId is { } newId)
                ByClientId.Add((e.SenderId, newId), e);
            return e;
        }
    }
}
