using System.Diagnostics;
using Kasse.Bench.Clients;
using Kasse.Bench.Diagnostics;
using Kasse.Forms;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// The load of one <c>cobrowse</c> run and what it observed: an open loop that schedules every participant's edits at
/// the rate, the lanes that send them, the pushed states that show them to the peer, and the figures at the end.
/// </summary>
public sealed class CobrowseRun(CobrowseSession[] sessions, WatchedPaths watched, int rate, int conflictPercent, int seconds, TimeSpan warmUp, int? postmaster)
{
    private const string Label = "cobrowse";
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    private readonly StripedLatency _delivery = new();
    private readonly StripedLatency _ack = new();
    private long _measureStart = long.MaxValue;
    private long _measureEnd = long.MaxValue;
    private long _scheduled, _applied, _appliedInWindow, _conflicts, _errors, _seen, _seenInWindow, _statesInWindow, _seqGaps, _seqBackwards;
    private long _recovered, _lostUnseen, _supersededUnseen, _unanswered, _refetchedOnGap;
    private long _backlogAtEnd;
    private int _errorsLogged;
    private CpuWindow? _cpu;

    // GC, JIT and thread pool inside the measured window only (the process-wide gc_* fields include the set-up).
    private RuntimeWindow? _runtime;

    /// <summary>
    /// Told when the measured window opens and when it closes (the client child passes both on to the server's
    /// process, which measures its own CPU over the same span).
    /// </summary>
    public Func<bool, Task>? WindowChanged { get; init; }

    /// <summary>Called for every pushed state or change (both sides, whole run).</summary>
    public void OnState(CobrowseSession session, int receiver, FormStateProbe state)
    {
        var now = Stopwatch.GetTimestamp();
        if (state.SessionId != session.SessionId)
            return;
        var side = session.Sides[receiver];
        switch (side.ObserveSeq(state.Seq))
        {
            case 1:
                Interlocked.Increment(ref _seqGaps);
                // A change that does not follow the last push: a client fetches the state (docs/forms.md, "Resume").
                if (state.BaseSeq > 0)
                    _ = RefetchAsync(session, receiver);
                break;
            case -1: Interlocked.Increment(ref _seqBackwards); break;
        }
        if (InWindow(now))
            Interlocked.Increment(ref _statesInWindow);
        ObserveFields(session, receiver, state, now);
    }

    private void ObserveFields(CobrowseSession session, int receiver, FormStateProbe state, long now)
    {
        var side = session.Sides[receiver];
        for (var field = 0; field < state.Fields.Length; field++)
        {
            var probed = state.Fields[field];
            if (!probed.Present)
                continue;
            side.Observe(field, probed.Version);
            if (probed.Value is { } value && session.Edits.TryGetValue(value, out var edit) && edit.Sender != receiver && edit.MarkSeen())
                Seen(edit, session, now);
        }
    }

    private async Task RefetchAsync(CobrowseSession session, int receiver)
    {
        Interlocked.Increment(ref _refetchedOnGap);
        try
        {
            var state = await session.Sides[receiver].Connection.InvokeAsync<FormStateProbe>("GetFormState", session.SessionId).ConfigureAwait(false);
            ObserveFields(session, receiver, state, Stopwatch.GetTimestamp());
        }
#pragma warning disable CA1031 // a failed fetch is an error to count; the drain asks again
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _errors);
            if (Interlocked.Increment(ref _errorsLogged) <= 10)
                Console.Error.WriteLine($"{Label}: GetFormState after a gap failed: {e.GetType().Name}: {e.Message}");
        }
    }

    public async Task LoadAsync()
    {
        var start = Stopwatch.GetTimestamp();
        _measureStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        _measureEnd = _measureStart + seconds * Stopwatch.Frequency;
        var senders = sessions.SelectMany(s => s.Sides.Select(side => (Session: s, Side: side))).ToArray();
        var total = rate * (double)senders.Length;
        Console.Error.WriteLine(
            $"{Label}: {total:0} edits/s over {senders.Length} participants ({rate}/s each, {conflictPercent} % on the shared field), warm-up {warmUp.TotalSeconds:0} s, measuring {seconds} s");
        var pacer = Task.Run(() => PaceAsync(senders, total, start));
        long lastApplied = 0, lastSeen = 0;
        while (await Task.WhenAny(pacer, Task.Delay(TimeSpan.FromSeconds(1))) != pacer)
        {
            var applied = Interlocked.Read(ref _applied);
            var seen = Interlocked.Read(ref _seen);
            var phase = Stopwatch.GetTimestamp() < _measureStart ? "warm-up" : "measure";
            if (phase == "measure" && _cpu is null)
            {
                if (WindowChanged is not null)
                    await WindowChanged(true);
                _cpu = CpuWindow.Start(postmaster);
                _runtime = RuntimeWindow.Start();
            }
            Console.Error.WriteLine(
                $"{Label}: {phase} {Stopwatch.GetElapsedTime(start).TotalSeconds,5:0.0} s  {applied - lastApplied,6} applied/s  {seen - lastSeen,6} seen by the peer/s  {Interlocked.Read(ref _conflicts)} conflicts  {Interlocked.Read(ref _errors)} errors  {Waiting(),6} waiting");
            (lastApplied, lastSeen) = (applied, seen);
        }
        await pacer;
        _cpu?.Stop();
        _runtime?.Stop();
        if (_cpu is not null && WindowChanged is not null)
            await WindowChanged(false);
        _backlogAtEnd = Waiting();
        // Open loop: the last edits may still be queued or waiting for their answers.
        var until = Stopwatch.GetTimestamp() + (long)(AnswerTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Waiting() > 0 && Stopwatch.GetTimestamp() < until)
            await Task.Delay(50);
    }

    /// <summary>
    /// Waits up to <see cref="Drain"/> for the peers to see every applied edit, then asks each peer that still misses one
    /// for its current state (<c>GetFormState</c>, as a client does after a reconnect), then classifies every edit.
    /// </summary>
    public async Task DrainAsync()
    {
        var until = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
        while (Unseen().Any() && Stopwatch.GetTimestamp() < until)
            await Task.Delay(100);
        var missing = Unseen().ToArray();
        Console.Error.WriteLine($"{Label}: {missing.Length} applied edits not seen by the peer after the drain; asking the peers' state");
        foreach (var group in missing.GroupBy(m => (m.Session, Peer: 1 - m.Edit.Sender)))
        {
            var (session, peer) = group.Key;
            FormStateProbe state;
            try
            {
                state = await session.Sides[peer].Connection.InvokeAsync<FormStateProbe>("GetFormState", session.SessionId);
            }
#pragma warning disable CA1031 // a peer that cannot ask (its connection died under the load) leaves its edits unseen: lost
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _errors);
                if (Interlocked.Increment(ref _errorsLogged) <= 10)
                    Console.Error.WriteLine($"{Label}: GetFormState failed: {e.GetType().Name}: {e.Message}");
                continue;
            }
            var now = Stopwatch.GetTimestamp();
            foreach (var (_, edit) in group)
            {
                var probed = state.Fields[edit.Field];
                if (probed.Value == edit.Value && probed.Version == edit.AppliedVersion && edit.MarkSeen())
                {
                    Interlocked.Increment(ref _recovered);
                    Seen(edit, session, now);
                }
            }
        }
        foreach (var session in sessions)
        {
            foreach (var edit in session.Edits.Values)
            {
                if (edit.Status is EditRecord.Queued or EditRecord.InFlight)
                {
                    _unanswered++;
                }
                else if (edit.Status == EditRecord.Applied && !edit.Seen)
                {
                    _lostUnseen++;
                    if (session.PeerOf(edit.Sender).VersionOf(edit.Field) > edit.AppliedVersion)
                        _supersededUnseen++;
                }
            }
        }
    }

    public ScenarioResult Result(LoopResult? echo, double setupSeconds, IReadOnlyList<string> fields, string formName, IReadOnlyList<(string Name, object Value)> database)
    {
        var delivery = _delivery.Merge();
        var ack = _ack.Merge();
        var seenPerSecond = _seenInWindow / (double)seconds;
        var result = new ScenarioResult(Label)
        {
            OpsPerSecond = _appliedInWindow / (double)seconds,
            P50Milliseconds = delivery.PercentileMilliseconds(50),
            P99Milliseconds = delivery.PercentileMilliseconds(99),
            Errors = _errors,
            Lost = _lostUnseen + _unanswered,
        }
            .With("conflicts", _conflicts)
            .With("sessions", sessions.Length)
            .With("rate", rate)
            .With("conflict_percent", conflictPercent)
            .With("seconds", seconds)
            .With("warmup_s", warmUp.TotalSeconds)
            .With("form", formName)
            .With("fields", string.Join(",", fields))
            .With("seen_per_s", seenPerSecond)
            .With("p90_ms", delivery.PercentileMilliseconds(90))
            .With("p999_ms", delivery.PercentileMilliseconds(99.9))
            .With("max_ms", delivery.MaxMilliseconds)
            .With("mean_ms", delivery.MeanMilliseconds)
            .With("ack_p50_ms", ack.PercentileMilliseconds(50))
            .With("ack_p99_ms", ack.PercentileMilliseconds(99));
        WithEcho(result, echo, seenPerSecond);
        foreach (var (name, value) in database)
            result.With(name, value);
        // Per edit that actually went through in the window (arrivals at the peer), not per scheduled edit: under a
        // backlog, edits scheduled in the window are applied after it, when the CPU is no longer counted.
        _cpu?.AddTo(result, seenPerSecond);
        _runtime?.AddTo(result, "window");
        // Server and clients together, per edit seen by the peer in the window (as cpu_ms_per_op).
        if (_runtime is not null && _seenInWindow > 0)
            result.With("alloc_kb_per_op", _runtime.AllocatedBytes / 1024.0 / _seenInWindow);
        return result
            .With("connections", 2 * sessions.Length)
            .With("scheduled", _scheduled)
            .With("applied", _applied)
            .With("seen", _seen)
            .With("recovered_by_state", _recovered)
            .With("lost_unseen", _lostUnseen)
            .With("superseded_unseen", _supersededUnseen)
            .With("unanswered", _unanswered)
            .With("states_per_s", _statesInWindow / (double)seconds)
            .With("seq_gaps", _seqGaps)
            .With("refetched_on_gap", _refetchedOnGap)
            .With("seq_backwards", _seqBackwards)
            .With("backlog_at_send_end", _backlogAtEnd)
            .With("setup_s", setupSeconds);
    }

    /// <summary>The <c>signalr-echo</c> reference of the same run: <c>echo_per_s</c>, <c>ratio_to_echo</c>, … (nothing without one).</summary>
    public static ScenarioResult WithEcho(ScenarioResult result, LoopResult? echo, double seenPerSecond) =>
        echo is null
            ? result
            : result.With("echo_per_s", echo.OpsPerSecond)
                .With("ratio_to_echo", echo.OpsPerSecond > 0 ? seenPerSecond / echo.OpsPerSecond : 0)
                .With("echo_p50_ms", echo.Latency.PercentileMilliseconds(50))
                .With("echo_p99_ms", echo.Latency.PercentileMilliseconds(99))
                .With("echo_errors", echo.Errors);

    private bool InWindow(long timestamp) => timestamp >= _measureStart && timestamp < _measureEnd;

    private long Waiting() => sessions.Sum(s => (long)s.Insured.Waiting + s.Agent.Waiting);

    private IEnumerable<(CobrowseSession Session, EditRecord Edit)> Unseen() =>
        sessions.SelectMany(s => s.Edits.Values.Where(e => e.Status == EditRecord.Applied && !e.Seen).Select(e => (s, e)));

    private void Seen(EditRecord edit, CobrowseSession session, long now)
    {
        if (edit.Status == EditRecord.Applied)
            session.Forget(edit);
        Interlocked.Increment(ref _seen);
        if (InWindow(now))
            Interlocked.Increment(ref _seenInWindow);
        if (InWindow(edit.ScheduledAt))
            _delivery.RecordTicks(2 * session.Index + edit.Sender, now - edit.ScheduledAt);
    }

    /// <summary>Every participant's edits on a fixed schedule, round-robin: the pacer never waits for an answer.</summary>
    private async Task PaceAsync((CobrowseSession Session, CobrowseSide Side)[] senders, double total, long start)
    {
        var ticksPerEdit = Stopwatch.Frequency / total;
        var random = new Random(11);
        long index = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= _measureEnd)
                return;
            var due = (long)((now - start) / ticksPerEdit) + 1;
            for (; index < due; index++)
            {
                var (session, side) = senders[index % senders.Length];
                var field = random.Next(100) < conflictPercent ? WatchedPaths.SharedField : side.Index;
                // The scheduled time, not the moment the pacer got round to it: a late pacer shows up as latency.
                var scheduled = start + (long)(index * ticksPerEdit);
                var edit = new EditRecord(EditRecord.ValueFor(side.Letter, side.NextNumber()), field, side.Index, scheduled);
                session.Edits[edit.Value] = edit;
                Interlocked.Increment(ref _scheduled);
                if (side.Lanes[field].Offer(edit))
                    _ = SendLaneAsync(session, side, side.Lanes[field], edit);
            }
            await Task.Delay(1);
        }
    }

    private async Task SendLaneAsync(CobrowseSession session, CobrowseSide side, EditLane lane, EditRecord first)
    {
        for (var edit = first; edit is not null; edit = lane.Next())
            await SendAsync(session, side, edit);
    }

    private async Task SendAsync(CobrowseSession session, CobrowseSide side, EditRecord edit)
    {
        edit.Status = EditRecord.InFlight;
        var path = watched.Paths[edit.Field];
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        try
        {
            // answerWithChange: the answer carries this side's change, and its connection gets no push of it.
            var result = await side.Connection.InvokeAsync<EditAnswerProbe>(
                "EditForm", session.SessionId, new FormEdit(edit.OperationId, path, edit.Json, side.VersionOf(edit.Field), AnswerWithChange: true), timeout.Token)
                .ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            side.Observe(edit.Field, result.FieldVersion);
            if (result.Change is { } change)
            {
                side.ObserveAnswered(change.Seq);
                ObserveFields(session, side.Index, change, now);
            }
            if (result.Status == FormEditStatus.Conflict)
            {
                edit.Status = EditRecord.Conflict;
                session.Forget(edit);
                Interlocked.Increment(ref _conflicts);
                return;
            }
            edit.AppliedVersion = result.FieldVersion;
            edit.Status = EditRecord.Applied;
            // The peer's push may have come before this answer.
            if (edit.Seen)
                session.Forget(edit);
            Interlocked.Increment(ref _applied);
            if (InWindow(edit.ScheduledAt))
            {
                Interlocked.Increment(ref _appliedInWindow);
                _ack.RecordTicks(2 * session.Index + side.Index, now - edit.ScheduledAt);
            }
        }
#pragma warning disable CA1031 // any failed edit is an error to count, not to crash the run
        catch (Exception e)
#pragma warning restore CA1031
        {
            edit.Status = EditRecord.Failed;
            Interlocked.Increment(ref _errors);
            if (Interlocked.Increment(ref _errorsLogged) <= 5)
                Console.Error.WriteLine($"{Label}: edit failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
