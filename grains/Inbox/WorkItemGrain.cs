using System.Text.Json;
using Kasse.Conversations;
using Kasse.Customers;
using Kasse.EinmalPin;
using Kasse.Gateway;
using Kasse.Grains.Common;
using Kasse.Grains.EinmalPin;
using Kasse.Inbox;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Inbox;

/// <summary>
/// One work item: the single writer of its status, offer and assignment. It records at most one offer at a time (by
/// offer id) and assigns only the agent holding that live offer, so an item is never assigned twice. Every transition
/// is stored together with its history events (an outbox) before anyone hears of it; the history append follows and
/// is repeated by the next activation if this one dies in between. Moving items on (transfer, hold, reassign) is in
/// WorkItemGrain.Moves.cs; deadlines (SLA, route steps) in WorkItemGrain.Deadlines.cs.
/// </summary>
public sealed partial class WorkItemGrain(
    [PersistentState("work-item", StorageNames.Default)] IPersistentState<WorkItemState> state,
    IWorkItemHistory history,
    RoutingDecision routing,
    RoutingOptions options,
    TimeProvider clock,
    ILogger<WorkItemGrain> logger) : Grain, IWorkItemGrain, IRemindable
{
    private const int RememberedSettledOffers = 64;

    // Offers this activation has ended or refused: an offer id is sent once, so once settled it is gone for good.
    private readonly Queue<Guid> _settledOrder = new();
    private readonly HashSet<Guid> _settled = [];
    private IGrainTimer? _expiryTimer;
    private IGrainTimer? _queueLease;
    private bool _broken;

    private WorkItemState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.Created)
            return;
        await FlushOutboxAsync();
        if (S.Offer is { } offer)
            ScheduleExpiry(offer);
        ArmDueTimer();
    }

    public async Task<WorkItemView> Create(NewWorkItem request)
    {
        await EnsureReadyAsync();
        if (S.Created)
        {
            // A repeated intake: the item stands as it is; a queued one makes sure its queue has it (and its wake-up).
            await EnsureQueuedAsync();
            await DeadlinesChangedAsync();
            await RecordWithCustomerAsync();
            return View();
        }
        Validate(request);
        var (priority, skills) = await routing.DecideAsync(Id, request);
        var route = routing.Route(request, priority, skills);
        var lastAgent = route.Steps.Any(s => s.Kind == RouteStepKind.LastAgent) && request.CustomerKey is { } customer
            ? await GrainFactory.GetGrain<ICustomerServiceRecordGrain>(customer).GetLastAgent()
            : null;
        var now = clock.GetUtcNow();
        S.Created = true;
        S.Channel = request.Channel;
        S.CustomerKey = request.CustomerKey;
        S.Topic = request.Topic.Trim();
        S.RequiredSkills = [.. skills];
        S.CreatedSkills = [.. skills];
        S.Team = string.IsNullOrWhiteSpace(request.Team) ? null : request.Team.Trim();
        S.Priority = priority;
        S.SlaDeadline = request.SlaDeadline ?? now + ChannelDefaults.ServiceLevelOf(request.Channel);
        S.CreatedAt = now;
        S.Reference = request.Reference;
        S.ConversationId = request.ConversationId;
        S.InsuredUserId = request.InsuredUserId;
        S.Targets = RouteTargets.Build(route.Steps, S.Team, S.RequiredSkills, lastAgent);
        S.RoutingVersion = route.Version;
        ApplyTarget(0, now);
        S.Status = WorkItemStatus.Queued;
        var events = new List<WorkItemEvent> { Event(WorkItemEventKind.Created, detail: JsonSerializer.Serialize(new
        {
            topic = S.Topic, channel = S.Channel.ToString(), priority, route = route.Route, routingVersion = route.Version,
        })) };
        if (request.FirstMessage is { } message)
            events.Add(AddMessageEvent(message));
        events.Add(Event(WorkItemEventKind.Queued));
        await CommitAsync([.. events]);
        await EnsureQueuedAsync();
        await DeadlinesChangedAsync();
        await RecordWithCustomerAsync();
        return View();
    }

    /// <summary>The customer's list of work items (the agent's customer panel) learns of this one; repeated intake repeats it.</summary>
    private Task RecordWithCustomerAsync() =>
        S.CustomerKey is { } customer ? GrainFactory.GetGrain<ICustomerGrain>(customer).RecordWorkItem(Id) : Task.CompletedTask;

    public Task<WorkItemView?> GetView() => Task.FromResult(S.Created ? View() : null);

    public async Task<bool> Offer(Guid offerId, string agentId, int weight, int budget, DateTimeOffset expiresAt)
    {
        await EnsureReadyAsync();
        if (S.Offer?.OfferId == offerId)
            return true;
        // Too late means: the agent may already have been told the offer is gone and released its reservation.
        // A step reserved for one agent (a transfer to a colleague) takes offers to that agent only.
        if (!S.Created || S.Status != WorkItemStatus.Queued || _settled.Contains(offerId)
            || (S.ReservedFor is { } reserved && reserved != agentId)
            || clock.GetUtcNow() > expiresAt - options.ClockAllowance)
        {
            Settle(offerId);
            return false;
        }
        var offer = new PendingOffer(offerId, agentId, expiresAt, weight);
        S.Offer = offer;
        S.Status = WorkItemStatus.Offered;
        await CommitAsync(Event(WorkItemEventKind.Offered, agentId, offerId, weight, budget));
        ScheduleExpiry(offer);
        // No longer waiting: the queue lease ends now rather than on its next tick (one timer less per routed item).
        _queueLease?.Dispose();
        _queueLease = null;
        return true;
    }

    public async Task<OfferCheck> CheckOffer(Guid offerId, string agentId, DateTimeOffset expiresAt)
    {
        await EnsureReadyAsync();
        if (S.Offer is { } offer && offer.OfferId == offerId)
        {
            if (clock.GetUtcNow() < offer.ExpiresAt)
                return new OfferCheck(OfferStatus.Live, ToAgentOffer(offer));
            await ExpireOfferAsync();
            return new OfferCheck(OfferStatus.Gone, null);
        }
        if (S.AssignedOfferId == offerId && S.AgentId == agentId)
            return new OfferCheck(OfferStatus.AssignedToYou, null);
        if (_settled.Contains(offerId) || clock.GetUtcNow() > expiresAt)
            return new OfferCheck(OfferStatus.Gone, null);
        return new OfferCheck(OfferStatus.Pending, null);
    }

    public async Task<WorkItemView> Accept(Guid offerId, string agentId)
    {
        await EnsureReadyAsync();
        if (S.AssignedOfferId == offerId && S.AgentId == agentId)
            return View();
        if (S.Offer is not { } offer || offer.OfferId != offerId || offer.AgentId != agentId)
            throw new InboxException(InboxErrors.OfferGone, "Dieses Angebot gilt nicht mehr.");
        if (clock.GetUtcNow() >= offer.ExpiresAt)
        {
            await ExpireOfferAsync();
            throw new InboxException(InboxErrors.OfferGone, "Dieses Angebot ist abgelaufen.");
        }
        S.Offer = null;
        S.Status = WorkItemStatus.Assigned;
        S.AgentId = agentId;
        S.AssignedOfferId = offerId;
        S.AssignedWeight = offer.Weight;
        S.TargetUntil = null;
        StopExpiryTimer();
        await CommitAsync(Event(WorkItemEventKind.Assigned, agentId, offerId, offer.Weight));
        await Queue.Forget(Id);
        return View();
    }

    public async Task<OfferStatus> Decline(Guid offerId, string agentId)
    {
        await EnsureReadyAsync();
        if (S.AssignedOfferId == offerId && S.AgentId == agentId)
            return OfferStatus.AssignedToYou;
        if (S.Offer is { } offer && offer.OfferId == offerId && offer.AgentId == agentId)
            await EndOfferAsync(offer, WorkItemEventKind.OfferDeclined);
        else
            await EnsureQueuedAsync();
        Settle(offerId);
        return OfferStatus.Gone;
    }

    public async Task<WorkItemView> Complete(string agentId)
    {
        await EnsureReadyAsync();
        if (S.Status == WorkItemStatus.Done && S.AgentId == agentId)
        {
            await ClosePinCaseAsync(agentId);
            return View();
        }
        if (S.AgentId != agentId || S.Status is not (WorkItemStatus.Assigned or WorkItemStatus.InProgress or WorkItemStatus.WaitingForCustomer or WorkItemStatus.OnHold))
            throw new InboxException(InboxErrors.NotAssigned, "Dieser Vorgang ist Ihnen nicht zugewiesen.");
        S.Status = WorkItemStatus.Done;
        await CommitAsync(Event(WorkItemEventKind.Completed, agentId, S.AssignedOfferId, S.AssignedWeight));
        ArmDueTimer();
        await RecordServedAsync(agentId);
        await ClosePinCaseAsync(agentId);
        return View();
    }

    /// <summary>h12-case: an EinmalPIN case's item closes its case (idempotent there; a retried completion repeats it).</summary>
    private async Task ClosePinCaseAsync(string agentId)
    {
        if (PinCaseWorkItems.CaseOf(this.GetPrimaryKeyString()) is { } caseNumber)
            await GrainFactory.GetGrain<IPinCaseGrain>(caseNumber).ClerkClosed(agentId);
    }

    public async Task<WorkItemView> ReturnToQueue(string agentId)
    {
        await EnsureReadyAsync();
        if (S.AgentId != agentId || S.Status is not (WorkItemStatus.Assigned or WorkItemStatus.InProgress or WorkItemStatus.WaitingForCustomer or WorkItemStatus.OnHold))
            return View();
        var (offerId, weight) = (S.AssignedOfferId, S.AssignedWeight);
        S.Status = WorkItemStatus.Queued;
        S.AgentId = null;
        S.AssignedOfferId = null;
        S.AssignedWeight = 0;
        // The agent is offline now; should it come back, colleagues get the chat first.
        if (!S.DeclinedBy.Contains(agentId))
            S.DeclinedBy.Add(agentId);
        await CommitAsync(Event(WorkItemEventKind.ReturnedToQueue, agentId, offerId, weight), Event(WorkItemEventKind.Queued));
        await EnsureQueuedAsync();
        await DeadlinesChangedAsync();
        return View();
    }

    public async Task<WorkItemView> AddMessage(WorkItemMessage message)
    {
        await EnsureReadyAsync();
        if (!S.Created)
            throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.");
        if (message.MessageId is { } messageId && S.MessageIds.Contains(messageId))
            return View();
        var added = AddMessageEvent(message);
        if (S.Status is WorkItemStatus.Done or WorkItemStatus.Abandoned)
        {
            // A reply to a finished item opens it again: it waits for an agent like a new one, with a new SLA.
            var now = clock.GetUtcNow();
            S.Status = WorkItemStatus.Queued;
            S.DeclinedBy.Clear();
            S.SlaStartedAt = now;
            S.SlaDeadline = now + ChannelDefaults.ServiceLevelOf(S.Channel);
            (S.SlaWarned, S.Escalated) = (false, false);
            await CommitAsync(added, Event(WorkItemEventKind.Queued));
            await EnsureQueuedAsync();
            await DeadlinesChangedAsync();
        }
        else
        {
            await CommitAsync(added);
        }
        return View();
    }

    public async Task<QueuePositionNotice?> GetQueuePosition(string insuredUserId)
    {
        if (!S.Created)
            return null;
        if (S.Watcher?.InsuredUserId != insuredUserId)
            throw new ConversationException(ConversationErrors.Forbidden, "Dieses Gespräch gehört einer anderen Person.");
        return S.Status is WorkItemStatus.Queued or WorkItemStatus.Offered ? await Queue.GetPosition(Id) : null;
    }

    public async Task Poke()
    {
        await EnsureReadyAsync();
        if (S.Offer is { } offer && clock.GetUtcNow() >= offer.ExpiresAt)
            await ExpireOfferAsync();
        else
            await EnsureQueuedAsync();
        await ProcessDueAsync();
    }

    /// <summary>Tells the customer's record who served them last (for <c>lastAgent</c> routes); best effort, the item is done either way.</summary>
    private async Task RecordServedAsync(string agentId)
    {
        if (S.CustomerKey is not { } customer)
            return;
        try
        {
            await GrainFactory.GetGrain<ICustomerServiceRecordGrain>(customer).RecordServed(agentId, Id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRecordServedFailed(logger, e);
        }
    }

    private IRoutingQueueGrain Queue => GrainFactory.GetGrain<IRoutingQueueGrain>(S.Queue);

    private static void Validate(NewWorkItem request)
    {
        if (!Enum.IsDefined(request.Channel))
            throw new InboxException(InboxErrors.Invalid, "Unbekannter Kanal.");
        if (string.IsNullOrWhiteSpace(request.Topic) || request.Topic.Length > 200)
            throw new InboxException(InboxErrors.Invalid, "Das Thema fehlt oder ist länger als 200 Zeichen.");
        if (request.RequiredSkills.Count > 10 || request.RequiredSkills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 50))
            throw new InboxException(InboxErrors.Invalid, "Höchstens 10 Fähigkeiten mit je höchstens 50 Zeichen.");
        if (request.Priority is < 1 or > 9)
            throw new InboxException(InboxErrors.Invalid, "Die Priorität liegt zwischen 1 (sofort) und 9.");
    }

    private async Task ExpireOfferAsync()
    {
        if (S.Offer is { } offer)
            await EndOfferAsync(offer, WorkItemEventKind.OfferExpired);
    }

    /// <summary>Ends the live offer (declined or expired), queues the item again and lets the agent release.</summary>
    private async Task EndOfferAsync(PendingOffer offer, WorkItemEventKind kind)
    {
        S.Offer = null;
        S.Status = WorkItemStatus.Queued;
        if (!S.DeclinedBy.Contains(offer.AgentId))
            S.DeclinedBy.Add(offer.AgentId);
        StopExpiryTimer();
        var events = new List<WorkItemEvent> { Event(kind, offer.AgentId, offer.OfferId, offer.Weight) };
        // The agent this step reserved the item for said no (or let it expire), or the step's time ran out meanwhile: next step.
        var now = clock.GetUtcNow();
        var leftQueue = S.ReservedFor == offer.AgentId || S.TargetUntil <= now ? NextTarget(now, events) : null;
        events.Add(Event(WorkItemEventKind.Queued));
        await CommitAsync([.. events]);
        Settle(offer.OfferId);
        // One-way: the agent asks back before it releases, so a lost message only delays the release.
        await GrainFactory.GetGrain<IAgentDeskGrain>(offer.AgentId).ReleaseIfGone(offer.OfferId);
        if (leftQueue is not null)
            await ForgetInAsync(leftQueue);
        // Waiting again: the step's time limit counts again (and a new step has its own).
        await DeadlinesChangedAsync();
        await EnsureQueuedAsync();
    }

    /// <summary>
    /// Makes sure the queue holds this waiting item, and keeps telling it every <see cref="RoutingOptions.RequeueInterval"/>
    /// while the item waits (a lease): a queue activation that lost its memory, for whatever reason, learns the item
    /// again; a queue that cannot be reached now is tried again on the same timer.
    /// </summary>
    private async Task EnsureQueuedAsync()
    {
        if (!S.Created || S.Status != WorkItemStatus.Queued)
            return;
        _queueLease ??= this.RegisterGrainTimer(
            OnQueueLeaseAsync, new GrainTimerCreationOptions(options.RequeueInterval, options.RequeueInterval) { KeepAlive = true });
        try
        {
            await Queue.Enqueue(new QueuedItem(
                Id, S.Channel, S.Priority, S.SlaDeadline, S.CreatedAt, S.RequiredSkills.ToArray(), S.DeclinedBy.ToArray(), S.Topic, S.Escalated, S.ReservedFor, S.Watcher));
        }
        catch (Exception e) when (e is not InboxException)
        {
            LogEnqueueFailed(logger, e);
            throw;
        }
    }

    private async Task OnQueueLeaseAsync(CancellationToken cancellationToken)
    {
        if (_broken || S.Status != WorkItemStatus.Queued)
        {
            _queueLease?.Dispose();
            _queueLease = null;
            return;
        }
        try
        {
            await EnsureQueuedAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Logged by EnsureQueuedAsync; the next tick tries again.
        }
    }

    private void ScheduleExpiry(PendingOffer offer)
    {
        StopExpiryTimer();
        var due = offer.ExpiresAt - clock.GetUtcNow();
        _expiryTimer = this.RegisterGrainTimer(
            OnExpiryTimerAsync, offer.OfferId,
            new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task OnExpiryTimerAsync(Guid offerId, CancellationToken cancellationToken)
    {
        if (_broken || S.Offer is not { } offer || offer.OfferId != offerId)
            return;
        if (clock.GetUtcNow() < offer.ExpiresAt)
            ScheduleExpiry(offer);
        else
            await ExpireOfferAsync();
    }

    private void StopExpiryTimer()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
    }

    private void Settle(Guid offerId)
    {
        if (!_settled.Add(offerId))
            return;
        _settledOrder.Enqueue(offerId);
        if (_settledOrder.Count > RememberedSettledOffers)
            _settled.Remove(_settledOrder.Dequeue());
    }

    private WorkItemEvent AddMessageEvent(WorkItemMessage message)
    {
        if (message.MessageId is { } messageId)
            S.MessageIds.Add(messageId);
        S.MessageCount++;
        return Event(WorkItemEventKind.MessageAdded, detail: JsonSerializer.Serialize(message));
    }

    private WorkItemEvent Event(
        WorkItemEventKind kind, string? agentId = null, Guid? offerId = null, int weight = 0, int budget = 0, string? detail = null) =>
        new(Id, S.NextSeq++, kind, S.Status, agentId, offerId, weight, budget, kind == WorkItemEventKind.Queued ? S.Queue : null,
            clock.GetUtcNow(), detail);

    /// <summary>Stores the state with its events, then appends them to the history.</summary>
    private async Task CommitAsync(params WorkItemEvent[] events)
    {
        S.Outbox.AddRange(events);
        try
        {
            await state.WriteOrDeactivateAsync(this);
        }
        catch (Exception e)
        {
            // Never act on memory that is not stored (another activation may have won): the next call reloads.
            _broken = true;
            LogWriteFailed(logger, e);
            throw new InboxException(InboxErrors.Retry, "Der Vorgang wurde gleichzeitig geändert; bitte erneut versuchen.");
        }
        await FlushOutboxAsync();
    }

    private async Task FlushOutboxAsync()
    {
        if (S.Outbox.Count == 0)
            return;
        await history.AppendAsync(S.Outbox.ToArray());
        // Cleared in memory only: the next state write stores the empty outbox, and a re-append before that is harmless.
        S.Outbox.Clear();
    }

    private async Task EnsureReadyAsync()
    {
        if (_broken)
            throw new InboxException(InboxErrors.Retry, "Der Vorgang wird neu geladen; bitte erneut versuchen.");
        await FlushOutboxAsync();
    }

    private AgentOffer ToAgentOffer(PendingOffer offer) =>
        new(offer.OfferId, Id, S.Channel, S.Topic, S.Priority, S.SlaDeadline, offer.ExpiresAt);

    private WorkItemView View() => new(
        Id, S.Channel, S.CustomerKey, S.Topic, S.RequiredSkills.ToArray(), S.Team, S.Priority, S.SlaDeadline, S.Status, S.Queue,
        S.AgentId, S.CreatedAt, S.MessageCount, S.Reference, S.ConversationId, S.Escalated, S.ReservedFor, S.RoutingVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queueing a work item failed; its lease timer tries again")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording who served the customer failed; a later lastAgent route falls through to its next target")]
    private static partial void LogRecordServedFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing a work item failed; the activation is dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
