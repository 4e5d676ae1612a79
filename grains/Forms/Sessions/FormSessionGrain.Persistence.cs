using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Durability: every accepted change is appended to the session log (group commit) before anything is answered or
/// pushed; the stored state is a snapshot written every <see cref="SnapshotEvery"/> edits, at every other kind of
/// change and at deactivation; an activation replays the log after the snapshot's seq.
/// </summary>
public sealed partial class FormSessionGrain
{
    /// <summary>
    /// How many edits may pass between two snapshots (an activation replays at most about as many events, in one query).
    /// 128, not fewer: a snapshot is the whole state (values and the remembered operations with their answers) written
    /// through the grain storage's JSON serializer, and the edit that triggers it waits for it. With 16 the snapshots
    /// took 14 % of all CPU in the <c>cobrowse</c> benchmark and held up one edit in 16 (its p99). Not more than about
    /// half of <see cref="FormSessionState.RememberedOperations"/>, so that a retry across a restart still finds its
    /// operation remembered.
    /// </summary>
    public const int SnapshotEvery = 128;

    private long _snapshotSeq;

    // Set when a write's outcome is unknown: this activation's memory may be stale and it must not write a snapshot.
    private bool _stale;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _snapshotSeq = S.Seq;
        foreach (var e in await log.ReadAfterAsync(Id, S.Seq))
            S.Apply(e);
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
        S.Apply(stored);
        _evaluation = evaluation;
        _values = values ?? (change.Writes is { Count: > 0 } ? null : _values);
        if (kind != FormSessionEventKind.Edited || S.Seq - _snapshotSeq >= SnapshotEvery)
            await WriteSnapshotAsync();
        return stored;
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
