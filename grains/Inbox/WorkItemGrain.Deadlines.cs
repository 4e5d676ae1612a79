using System.Text.Json;
using Kasse.Inbox;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Deadlines of a work item: the SLA warning and escalation, and the time limit of the current route step. The exact
/// timing comes from one grain timer armed from the stored deadlines (re-armed on every activation); a reminder is the
/// durable wake-up that brings back an item whose activation was lost (deactivated, or its silo died) — reminders tick
/// at most once a minute, so they cannot carry sub-minute deadlines themselves. No table is polled.
/// </summary>
public sealed partial class WorkItemGrain
{
    private const string WakeReminder = "deadlines";

    // The longest a grain timer is armed for at once; it re-arms itself when it fires early.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private IGrainTimer? _dueTimer;
    private DateTimeOffset? _reminderDue;

    private static bool IsFinal(WorkItemStatus status) => status is WorkItemStatus.Done or WorkItemStatus.Abandoned;

    // The SLA is the time until an agent takes the item: it runs while the item waits (queued, or offered to someone who
    // has not accepted yet) and is met by the assignment. An item that waits again (returned, transferred) is watched again.
    private bool SlaRuns => S.Status is WorkItemStatus.Queued or WorkItemStatus.Offered;

    private DateTimeOffset WarnAt => S.SlaDeadline - (S.SlaDeadline - (S.SlaStartedAt ?? S.CreatedAt)) * options.SlaWarningShare;

    /// <summary>The next time something is due: the step's time limit (while queued), the SLA warning and deadline (while waiting).</summary>
    private DateTimeOffset? NextDue()
    {
        if (!S.Created || IsFinal(S.Status))
            return null;
        DateTimeOffset? next = null;
        // Only while waiting: an offer out at the step's end runs its course, and its end moves the item on.
        if (S.TargetUntil is { } until && S.Status == WorkItemStatus.Queued)
            next = until;
        if (SlaRuns && !S.SlaWarned && (next is null || WarnAt < next))
            next = WarnAt;
        if (SlaRuns && !S.Escalated && (next is null || S.SlaDeadline < next))
            next = S.SlaDeadline;
        return next;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeReminder || _broken)
            return;
        await EnsureReadyAsync();
        await ProcessDueAsync();
        var next = NextDue();
        var now = clock.GetUtcNow();
        if (next is null)
        {
            // Nothing left to watch: the wake-up ends (lazily here, so completing an item costs no reminder write).
            if (await this.GetReminder(WakeReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            _reminderDue = null;
        }
        else if (next.Value - now > 2 * options.ReminderPeriod)
        {
            await RegisterWakeUpAsync(next.Value, now);
        }
    }

    /// <summary>
    /// After the deadlines changed: the timer follows, and the reminder is moved earlier when it would come too late. A
    /// failing reminder write does not fail the caller's change (it is stored): the timer still runs, and the next
    /// change or activation tries the reminder again.
    /// </summary>
    private async Task DeadlinesChangedAsync()
    {
        ArmDueTimer();
        if (NextDue() is not { } next || (_reminderDue is { } registered && registered <= next))
            return;
        try
        {
            await RegisterWakeUpAsync(next, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReminderFailed(logger, e);
        }
    }

    private async Task RegisterWakeUpAsync(DateTimeOffset due, DateTimeOffset now)
    {
        var delay = due - now;
        await this.RegisterOrUpdateReminder(WakeReminder, delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay, options.ReminderPeriod);
        _reminderDue = due;
    }

    private void ArmDueTimer()
    {
        _dueTimer?.Dispose();
        _dueTimer = null;
        if (NextDue() is not { } due)
            return;
        var delay = due - clock.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay;
        // Not kept alive: an idle item may leave memory; the reminder brings it back in time.
        _dueTimer = this.RegisterGrainTimer(OnDueTimerAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }

    private async Task OnDueTimerAsync(CancellationToken cancellationToken)
    {
        if (_broken)
            return;
        try
        {
            await ProcessDueAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDeadlineFailed(logger, e);
            // The reminder comes back; until then the timer tries again shortly.
            _dueTimer?.Dispose();
            _dueTimer = this.RegisterGrainTimer(OnDueTimerAsync, new GrainTimerCreationOptions(options.WatchdogInterval, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Records whatever is due now: the next route step, the SLA warning, the escalation (priority one step up).</summary>
    private async Task ProcessDueAsync()
    {
        if (!S.Created || IsFinal(S.Status))
        {
            ArmDueTimer();
            return;
        }
        var now = clock.GetUtcNow();
        var events = new List<WorkItemEvent>();
        string? leftQueue = null;
        // An offered item finishes its offer first; the step moves on when the offer ends (see EndOfferAsync).
        if (S.TargetUntil <= now && S.Status == WorkItemStatus.Queued && NextTarget(now, events) is { } left)
        {
            leftQueue = left;
            events.Add(Event(WorkItemEventKind.Queued));
        }
        if (SlaRuns && !S.SlaWarned && now >= WarnAt)
        {
            S.SlaWarned = true;
            events.Add(Event(WorkItemEventKind.SlaWarning, detail: JsonSerializer.Serialize(new { slaDeadline = S.SlaDeadline })));
        }
        if (SlaRuns && !S.Escalated && now >= S.SlaDeadline)
        {
            S.Escalated = true;
            S.Priority = Math.Max(1, S.Priority - 1);
            events.Add(Event(WorkItemEventKind.Escalated, detail: JsonSerializer.Serialize(new { priority = S.Priority, slaDeadline = S.SlaDeadline })));
        }
        if (events.Count > 0)
        {
            await CommitAsync([.. events]);
            if (leftQueue is not null)
                await ForgetInAsync(leftQueue);
            // A waiting item is queued again: the queue re-sorts it by its new priority and shows it escalated.
            await EnsureQueuedAsync();
        }
        await DeadlinesChangedAsync();
    }

    /// <summary>
    /// Moves to the next step of the route when there is one (adding its event); returns the queue the item left, or
    /// null when this was the last step (which then has no time limit any more).
    /// </summary>
    private string? NextTarget(DateTimeOffset now, List<WorkItemEvent> events)
    {
        if (S.TargetIndex + 1 >= S.Targets.Count)
        {
            S.TargetUntil = null;
            return null;
        }
        var from = S.Targets[S.TargetIndex];
        var left = ApplyTarget(S.TargetIndex + 1, now);
        var to = S.Targets[S.TargetIndex];
        events.Add(Event(WorkItemEventKind.TargetTimedOut, from.AgentId, detail: JsonSerializer.Serialize(new
        {
            fromQueue = from.Queue,
            fromAgent = from.AgentId,
            toQueue = to.Queue,
            toAgent = to.AgentId,
            step = S.TargetIndex,
        })));
        return left;
    }

    /// <summary>Makes step <paramref name="index"/> the current one; returns the queue the item waited in before.</summary>
    private string ApplyTarget(int index, DateTimeOffset now)
    {
        var left = S.Queue;
        var target = S.Targets[index];
        S.TargetIndex = index;
        S.Queue = target.Queue;
        S.RequiredSkills = [.. target.Skills ?? S.CreatedSkills];
        S.TargetUntil = target.Timeout is { } timeout && index < S.Targets.Count - 1 ? now + timeout : null;
        return left;
    }

    /// <summary>Tells a queue the item left that it no longer waits there (one-way; a stale entry is refused at the offer).</summary>
    private Task ForgetInAsync(string queue) =>
        queue == S.Queue || string.IsNullOrEmpty(queue) ? Task.CompletedTask : GrainFactory.GetGrain<IRoutingQueueGrain>(queue).Forget(Id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering a work item's wake-up reminder failed; its timer still runs")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a due deadline of a work item failed; retrying")]
    private static partial void LogDeadlineFailed(ILogger logger, Exception exception);
}
