using Kasse.Conversations;
using Kasse.Forms;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>
/// One client connection of this host, as the push path sees it. It remembers the last seq pushed per conversation
/// and per form session, so that a connection gets each one's pushes in ascending order, and the messages it wrote and still
/// awaits the push of, so that the push leaves out what the writer already has from its ack. It also counts the pushes
/// SignalR could not yet hand to the transport and closes a connection that falls too far behind (see
/// <see cref="SlowReaderOptions"/>).
/// </summary>
public sealed class ClientConnection(string id, string userId, HubCallerContext? context, UserConnections? hub = null)
{
    // A connection has at most a few writes in flight; an entry whose push never came (pushes are best effort) falls
    // out when newer ones arrive, so this stays small without a timer.
    private const int RememberedOwnWrites = 16;

    private readonly Lock _gate = new();
    private Dictionary<Guid, long>? _lastPushed;
    private Dictionary<Guid, long>? _lastFormSeq;
    private List<(Guid ConversationId, string ClientMessageId)>? _ownWrites;
    private List<(Guid SessionId, string OperationId)>? _ownFormEdits;
    private int _pendingPushes;
    private volatile bool _closedBehind;

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    /// <summary>The hub this connection belongs to (null for a connection no hub registered, as in tests).</summary>
    public UserConnections? Hub { get; } = hub;

    /// <summary>This connection is about to write <paramref name="clientMessageId"/>: it will have the event from the ack.</summary>
    public void ExpectOwnWrite(Guid conversationId, string clientMessageId)
    {
        lock (_gate)
            Remember(ref _ownWrites, (conversationId, clientMessageId));
    }

    /// <summary>The write failed or was a retry of a stored message: no push of it is coming for this attempt.</summary>
    public void ForgetOwnWrite(Guid conversationId, string clientMessageId)
    {
        lock (_gate)
            _ownWrites?.Remove((conversationId, clientMessageId));
    }

    /// <summary>
    /// Pushes <paramref name="e"/> through <paramref name="hub"/> unless this connection has it from its own ack, or
    /// a later event of the conversation went out already (a batch that overtook another, e.g. from two silos while a
    /// grain moved): such a late event is left out, because the client saw the gap when the later one came and fetches
    /// it by <c>Resume</c>.
    /// </summary>
    public void Push(ConversationEvent e, UserConnections hub)
    {
        lock (_gate)
        {
            if (e.ClientMessageId is { } clientMessageId && e.SenderId == UserId && _ownWrites?.Remove((e.ConversationId, clientMessageId)) == true)
                return;
            _lastPushed ??= [];
            if (_lastPushed.TryGetValue(e.ConversationId, out var last) && e.Seq <= last)
                return;
            _lastPushed[e.ConversationId] = e.Seq;
            // Started under the lock: SignalR writes a connection's messages in the order their sends start.
            Send(hub, ClientEvents.ConversationEvent, e);
        }
    }

    /// <summary>How many pushes to this connection wait for room in its send buffer.</summary>
    public int PendingPushes => Volatile.Read(ref _pendingPushes);

    /// <summary>
    /// Starts one push without waiting for it: a client that does not read must hold up neither the batch nor the
    /// pushes to other connections. A push that cannot be buffered at once (the connection's send buffer is full) waits
    /// in SignalR, in the order the pushes started; when more than the limit wait, the client is too far behind and the
    /// connection is closed instead of letting its backlog grow. The client resumes by seq after reconnecting.
    /// </summary>
    public void Send(UserConnections hub, string method, object payload)
    {
        if (_closedBehind)
            return;
        var send = hub.SendAsync(Id, method, payload);
        if (send.IsCompleted)
        {
            _ = send.Exception;
            return;
        }
        if (Interlocked.Increment(ref _pendingPushes) > hub.MaxPendingPushes)
            CloseBehind(hub);
        send.ContinueWith(
            static (done, state) =>
            {
                _ = done.Exception; // a failed push is lost like any other: the client resumes by seq
                Interlocked.Decrement(ref ((ClientConnection)state!)._pendingPushes);
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void CloseBehind(UserConnections hub)
    {
        if (_closedBehind)
            return;
        _closedBehind = true;
        hub.ReportClosedBehind(this);
        context?.Abort();
    }

    /// <summary>
    /// Pushes a form session's state unless a state with a higher seq of that session went out already (a batch that
    /// overtook another): the client keeps the highest seq anyway, and an older state must not flash over a newer one.
    /// An equal seq passes (the same state again is harmless).
    /// </summary>
    public void PushFormState(FormViewState state, UserConnections hub)
    {
        lock (_gate)
        {
            _lastFormSeq ??= [];
            if (_lastFormSeq.TryGetValue(state.SessionId, out var last) && state.Seq < last)
                return;
            _lastFormSeq[state.SessionId] = state.Seq;
            Send(hub, ClientEvents.FormState, state);
        }
    }

    /// <summary>
    /// A state this connection got as an answer (open, fetch after a reconnect): a push of an older seq that reaches the
    /// connection later (it was on its way through a fan-out) is not sent, so the client never sees the seq go back.
    /// </summary>
    public void NoteFormState(FormViewState state)
    {
        lock (_gate)
        {
            _lastFormSeq ??= [];
            if (!_lastFormSeq.TryGetValue(state.SessionId, out var last) || state.Seq > last)
                _lastFormSeq[state.SessionId] = state.Seq;
        }
    }

    /// <summary>
    /// Pushes an edit's change unless this connection was sent that seq or a higher one already (a fetched state, or a
    /// batch that overtook this one): the client could not apply it anyway and mends a gap with <c>GetFormState</c>.
    /// The change of this connection's own edit (<paramref name="operationId"/>, see <see cref="ExpectOwnFormEdit"/>) is
    /// left out: the edit's answer carries it.
    /// </summary>
    public void PushFormChange(FormViewChange change, string? operationId, UserConnections hub)
    {
        lock (_gate)
        {
            _lastFormSeq ??= [];
            if (_lastFormSeq.TryGetValue(change.SessionId, out var last) && change.Seq <= last)
                return;
            _lastFormSeq[change.SessionId] = change.Seq;
            if (operationId is not null && _ownFormEdits?.Remove((change.SessionId, operationId)) == true)
                return;
            Send(hub, ClientEvents.FormChange, change);
        }
    }

    /// <summary>
    /// This connection sends an edit whose answer will carry the editor's change (<c>FormEdit.AnswerWithChange</c>): the
    /// push of that change is not sent here (the user's other connections get it).
    /// </summary>
    public void ExpectOwnFormEdit(Guid sessionId, string operationId)
    {
        lock (_gate)
            Remember(ref _ownFormEdits, (sessionId, operationId));
    }

    /// <summary>The edit failed, or its answer carries no change (conflict, retry, a whole state instead): no push to leave out.</summary>
    public void ForgetOwnFormEdit(Guid sessionId, string operationId)
    {
        lock (_gate)
            _ownFormEdits?.Remove((sessionId, operationId));
    }

    /// <summary>One own write or edit more to leave out of the pushes; the oldest goes beyond <see cref="RememberedOwnWrites"/>.</summary>
    private static void Remember(ref List<(Guid, string)>? own, (Guid, string) entry)
    {
        own ??= [];
        if (own.Count == RememberedOwnWrites)
            own.RemoveAt(0);
        own.Add(entry);
    }
}
