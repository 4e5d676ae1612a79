using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Durability: every accepted change is appended to the session log (group commit) before anything is answered or
/// pushed; the stored state is a snapshot of the document, written about every <see cref="SnapshotEvery"/> edits, at
/// every other kind of change and at deactivation; an activation replays the log after the snapshot's seq and rebuilds
/// the remembered operations from the log's tail, in one round trip.
/// </summary>
public sealed partial class FormSessionGrain
{
    /// <summary>
    /// At most how many edits pass between two snapshots (an activation replays at most as many events, in one query).
    /// The edit that triggers one waits for it; a snapshot is the document only (a few KB through the grain storage's
    /// JSON serializer), and each session takes it at its own phase (<see cref="SnapshotPhase"/>), so sessions that
    /// started together — or are edited in step — do not all write theirs in the same moment.
    /// </summary>
    public const int SnapshotEvery = 128;

    // Answers to the recent operation ids: not in the snapshot, rebuilt from the log on activation.
    private readonly RememberedOperations _operations = new();

    private long _snapshotSeq;

    // Set when a write's outcome is unknown: this activation's memory may be stale and it must not write a snapshot.
    private bool _stale;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _snapshotSeq = S.Seq;
        var tail = await log.ReadTailAsync(Id, S.Seq, RememberedOperations.Capacity);
        foreach (var operation in tail.Operations)
            _operations.Remember(operation);
        foreach (var e in tail.Events)
            Apply(e);
        if (S.Started)
            _model = await models.GetAsync(S.FormName, S.FormVersion);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_stale && S.Seq > _snapshotSeq)
            await WriteSnapshotAsync();
    }

    /// <summary>
    /// Appends a change under the next seq and applies it; returns the stored event, which is the actor's original (with
    /// its own, older seq; nothing applied) when the log already holds the operation id. <paramref name="evaluation"/>
    /// and <paramref name="values"/> are those of the state after the change (null: computed when next needed).
    /// </summary>
    private async Task<FormSessionEvent> AppendAsync(
        FormSessionEventKind kind, FormActor actor, string? operationId, FormSessionChange change, FormEvaluation? evaluation,
        Dictionary<string, string>? values = null)
    {
        var e = new FormSessionEvent(Id, S.Seq + 1, kind, actor, operationId, change, clock.GetUtcNow());
        FormSessionEvent stored;
        try
        {
            stored = await log.AppendAsync(e);
        }
        catch (Exception)
        {
            // Whether the row committed is unknown: the next activation rebuilds from the snapshot and the log, and a
            // retried operation gets its duplicate answer there.
            _stale = true;
            DeactivateOnIdle();
            throw;
        }
        if (stored.Seq != e.Seq)
            return stored;
        Apply(stored);
        _evaluation = evaluation;
        _values = values ?? (change.Writes is { Count: > 0 } ? null : _values);
        if (kind != FormSessionEventKind.Edited || IsSnapshotSeq(Id, S.Seq))
            await WriteSnapshotAsync();
        return stored;
    }

    /// <summary>Applies an event to the document and remembers its operation id with the answer.</summary>
    private void Apply(FormSessionEvent e)
    {
        if (S.Apply(e) && e.OperationId is { } operationId)
            _operations.Remember(new RememberedOperation(e.Actor.UserId, operationId, e.Seq, e.Change.Result));
    }

    /// <summary>
    /// Whether an edit that reaches <paramref name="seq"/> writes the snapshot: every <see cref="SnapshotEvery"/>-th seq,
    /// shifted by the session's phase. Seqs are consecutive, so at most <see cref="SnapshotEvery"/> edits pass between two
    /// snapshots; a snapshot at another change does not move the phase.
    /// </summary>
    public static bool IsSnapshotSeq(Guid sessionId, long seq) => (seq + SnapshotPhase(sessionId)) % SnapshotEvery == 0;

    /// <summary>
    /// A session's offset in the snapshot cycle (0 to <see cref="SnapshotEvery"/> − 1), derived from its id: the same on
    /// every host and activation, and spread evenly over sessions, whose ids are random.
    /// </summary>
    public static int SnapshotPhase(Guid sessionId)
    {
        Span<byte> bytes = stackalloc byte[16];
        sessionId.TryWriteBytes(bytes);
        var folded = BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        return (int)(folded % SnapshotEvery);
    }

    /// <summary>
    /// Writes the snapshot. A failure loses nothing (the log holds every change), so the change stands; the activation
    /// goes, so that the next one starts from what is stored.
    /// </summary>
    private async Task WriteSnapshotAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _snapshotSeq = S.Seq;
        }
        catch (Exception e)
        {
            LogSnapshotFailed(logger, e);
            _stale = true;
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing a form session snapshot failed; the next activation replays the session log")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception);
}
