using Kasse.Campaigns;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Campaigns.Batch;

// Batch runs: keyset pages over the master data, a checkpoint (counters, volume, last key) stored after each page. The
// run works in the background on the grain's scheduler, so views, pause and complete are served between its pages; a
// reminder keeps it going and brings it back after a silo restart.
public sealed partial class CampaignGrain
{
    /// <summary>
    /// Customers per page: one read, one insert, one state write. Large enough that the page's fan-out
    /// (<see cref="CampaignPageProcessor.MaxParallel"/>) stays full most of the page, small enough that a pause waits briefly.
    /// </summary>
    public const int PageSize = 2_000;

    /// <summary>A run that fails this many times in a row (database down, customer grains unreachable) ends as failed.</summary>
    public const int MaxFailedAttempts = 5;

    private const string KeepAliveReminder = "campaign-run";
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private CancellationTokenSource? _stop;
    private Task? _run;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeepAliveReminder)
            return;
        if (S.Status == CampaignStatus.Active && S.Definition?.Schedule.Kind is CampaignScheduleKind.OneOff or CampaignScheduleKind.Recurring)
        {
            await StartDueRunAsync();
            return;
        }
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private CampaignRunState? RunningBatch() => S.Runs.LastOrDefault(r => !r.Triggered && r.Status == CampaignRunStatus.Running);

    /// <summary>Goes on with a running batch, or starts the next one when the schedule says it is due.</summary>
    private async Task StartDueRunAsync()
    {
        if (RunningBatch() is null)
        {
            var schedule = S.Definition!.Schedule;
            var now = clock.GetUtcNow();
            var last = S.Runs.LastOrDefault(r => !r.Triggered);
            var due = schedule.Kind switch
            {
                CampaignScheduleKind.OneOff => last is null && (schedule.StartAt is null || schedule.StartAt <= now),
                CampaignScheduleKind.Recurring => last is null
                    ? schedule.StartAt is null || schedule.StartAt <= now
                    : last.StartedAt.AddDays(schedule.RepeatEveryDays ?? 1) <= now,
                _ => false,
            };
            if (!due)
                return;
            var startAfter = CarryOverStart(last);
            S.Runs.Add(new CampaignRunState
            {
                RunId = Guid.NewGuid(),
                Status = CampaignRunStatus.Running,
                DefinitionVersion = S.Version,
                TotalCustomers = await masterData.CountAsync(),
                StartedAt = now,
                StartAfter = startAfter,
                Checkpoint = startAfter,
            });
            TrimRuns();
            await WriteAsync();
        }
        StartRun();
    }

    private void StartRun()
    {
        if (_run is { IsCompleted: false } && _stop is { IsCancellationRequested: false })
            return;
        // A run told to stop may still be finishing its page: the new one starts after it.
        var previous = _run;
        _stop = new CancellationTokenSource();
        // Started from the grain's scheduler, the run's continuations stay on it: one turn at a time with requests.
        _run = RunAfterAsync(previous, _stop.Token);
    }

    private async Task RunAfterAsync(Task? previous, CancellationToken stop)
    {
        if (previous is not null)
            await previous;
        await RunAsync(stop);
    }

    /// <summary>Stops the run between pages and waits for it (a committed page always has its checkpoint stored).</summary>
    private async Task StopRunAsync()
    {
        if (_stop is not null && _run is not null)
        {
            await _stop.CancelAsync();
            await _run;
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await Task.Yield();
        var processor = new CampaignPageProcessor(gate, contacts);
        while (!stop.IsCancellationRequested && S.Status == CampaignStatus.Active && RunningBatch() is { } run)
        {
            try
            {
                var page = await ReadScanPageAsync(run);
                if (page.Count == 0)
                {
                    await FinishRunAsync(run);
                    return;
                }
                var now = clock.GetUtcNow();
                var volume = S.Volume.Copy();
                var counters = await processor.ProcessAsync(Compiled(), run.RunId, page, volume, now);
                // The checkpoint: counters, volume and place together, or (on a failed write) none of them.
                run.Add(counters);
                NoteCarryOver(run, page, counters);
                run.Checkpoint = page[^1].CustomerKey;
                run.DefinitionVersion = S.Version;
                run.FailedAttempts = 0;
                S.Volume = volume;
                await WriteAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(e, Id, run.RunId);
                await RecordFailureAsync(run);
                return;
            }
        }
    }

    private async Task FinishRunAsync(CampaignRunState run)
    {
        run.Status = CampaignRunStatus.Completed;
        run.FinishedAt = clock.GetUtcNow();
        LogRunCompleted(Id, run.RunId, run.Scanned, run.Targeted, run.ControlGroup);
        if (S.Definition!.Schedule.Kind == CampaignScheduleKind.OneOff)
        {
            // A one-off campaign is done with its run.
            S.Status = CampaignStatus.Completed;
            await WriteAsync();
            await RegisterAsync();
            if (await this.GetReminder(KeepAliveReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            return;
        }
        await WriteAsync();
    }

    /// <summary>
    /// A failed page is retried from the stored checkpoint by the next reminder tick; the activation goes, so memory
    /// holds nothing the storage does not (the failed page's counters were never stored).
    /// </summary>
    private async Task RecordFailureAsync(CampaignRunState run)
    {
        try
        {
            await state.ReadStateAsync();
            if (S.Runs.FirstOrDefault(r => r.RunId == run.RunId) is { } stored)
            {
                stored.FailedAttempts++;
                if (stored.FailedAttempts >= MaxFailedAttempts)
                {
                    stored.Status = CampaignRunStatus.Failed;
                    stored.Failure = "Der Lauf ist mehrfach an einem internen Fehler gescheitert.";
                    stored.FinishedAt = clock.GetUtcNow();
                }
                await WriteAsync();
            }
        }
        catch (Exception e)
        {
            LogRunFailed(e, Id, run.RunId);
            DeactivateOnIdle();
        }
    }

    private void TrimRuns()
    {
        while (S.Runs.Count > CampaignState.MaxRunsKept)
        {
            var oldest = S.Runs.FindIndex(r => r.Status is not (CampaignRunStatus.Running or CampaignRunStatus.Paused));
            if (oldest < 0)
                return;
            S.Runs.RemoveAt(oldest);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} run {RunId} completed: {Scanned} scanned, {Targeted} targeted, {Control} control")]
    private partial void LogRunCompleted(string campaignId, Guid runId, long scanned, long targeted, long control);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId} run {RunId}: a page failed; the keep-alive reminder retries it from the checkpoint")]
    private partial void LogRunFailed(Exception exception, string campaignId, Guid runId);
}
