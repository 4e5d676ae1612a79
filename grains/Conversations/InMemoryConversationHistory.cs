using System.Collections.Concurrent;
using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>The embedded default's history: per process, in memory.</summary>
public sealed class InMemoryConversationHistory : IConversationHistory
{
    private readonly ConcurrentDictionary<Guid, SortedList<long, ConversationEvent>> _conversations = new();

    public Task AppendAsync(ConversationEvent conversationEvent)
    {
        var events = _conversations.GetOrAdd(conversationEvent.ConversationId, _ => []);
        lock (events)
            events.TryAdd(conversationEvent.Seq, conversationEvent);
        return Task.CompletedTask;
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

    private IReadOnlyList<ConversationEvent> Read(
        Guid conversationId, Func<SortedList<long, ConversationEvent>, IEnumerable<KeyValuePair<long, ConversationEvent>>> select)
    {
        if (!_conversations.TryGetValue(conversationId, out var events))
            return [];
        lock (events)
            return select(events).Select(e => e.Value).ToArray();
    }
}
