using System.Collections.Concurrent;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>The embedded default's session log: per process, in memory, with the same uniqueness as the table.</summary>
public sealed class InMemoryFormSessionLog : IFormSessionLog
{
    private readonly ConcurrentDictionary<Guid, StoredSession> _sessions = new();

    public Task<FormSessionEvent> AppendAsync(FormSessionEvent sessionEvent)
    {
        var session = _sessions.GetOrAdd(sessionEvent.SessionId, _ => new StoredSession());
        lock (session)
            return Task.FromResult(session.Append(sessionEvent));
    }

    public Task<IReadOnlyList<FormSessionEvent>> ReadAfterAsync(Guid sessionId, long afterSeq)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
            return Task.FromResult<IReadOnlyList<FormSessionEvent>>([]);
        lock (session)
            return Task.FromResult<IReadOnlyList<FormSessionEvent>>(session.BySeq.Values.Where(e => e.Seq > afterSeq).ToArray());
    }

    public async Task<FormSessionTail> ReadTailAsync(Guid sessionId, long afterSeq, int operations)
    {
        var all = await ReadAfterAsync(sessionId, 0);
        var remembered = all.Where(e => e.Seq <= afterSeq && e.OperationId is not null).TakeLast(operations)
            .Select(e => new RememberedOperation(e.Actor.UserId, e.OperationId!, e.Seq, e.Change.Result)).ToArray();
        return new FormSessionTail(remembered, all.Where(e => e.Seq > afterSeq).ToArray());
    }

    /// <summary>One session's events, keyed as the table is: by seq, and by (participant, operation id).</summary>
    private sealed class StoredSession
    {
        public SortedList<long, FormSessionEvent> BySeq { get; } = [];

        private Dictionary<(string UserId, string OperationId), FormSessionEvent> ByOperation { get; } = [];

        public FormSessionEvent Append(FormSessionEvent e)
        {
            if (e.OperationId is { } operationId && ByOperation.TryGetValue((e.Actor.UserId, operationId), out var original))
                return original;
            if (BySeq.TryGetValue(e.Seq, out var taken))
            {
                return taken.Kind == e.Kind && taken.Actor.UserId == e.Actor.UserId && taken.OperationId == e.OperationId
                    ? taken
                    : throw new InvalidOperationException("the sequence number is already taken by another event");
            }
            BySeq.Add(e.Seq, e);
            if (e.OperationId is { } newId)
                ByOperation.Add((e.Actor.UserId, newId), e);
            return e;
        }
    }
}
