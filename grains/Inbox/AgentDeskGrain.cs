using Kasse.Agents;
using Kasse.Conversations;
using Kasse.Gateway;
using Kasse.Grains.Common;
using Kasse.Grains.Gateway;
using Kasse.Grains.Supervision;
using Kasse.Inbox;
using Kasse.Supervision;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The routing side of one agent. Capacity is reserved (and stored) before an item records an offer, and released only
/// when the item says the offer is gone or the work is done, so the stored reservations and assignments never exceed the
/// budget and always cover what the items hold. Reservations whose offer outlived its expiry are reconciled by asking
/// the item. Queues only get hints from here; they never decide capacity. Presence follows the agent's client
/// connections: once the last is gone for the grace period the agent is offline and its chats go back to the queue.
/// </summary>
public sealed partial class AgentDeskGrain(
    [PersistentState("agent-desk", StorageNames.Default)] IPersistentState<AgentDeskState> state,
    RoutingOptions options,
    SupervisionPublisher supervision,
    IClusterMembershipService membership,
    TimeProvider clock,
    GatewayFanout fanout,
    ILogger<AgentDeskGrain> logger) : Grain, IAgentDeskGrain, IRemindable
{
    private const string PresenceReminderName = "presence";

    /// <summary>The reminder behind the grace period wakes a desk whose silo died; Orleans' shortest period.</summary>
    private static readonly TimeSpan PresenceReminderPeriod = TimeSpan.FromMinutes(1);

    // Offers the items have confirmed; only these are shown to the agent (the rest are reservations in flight).
    private readonly Dictionary<Guid, AgentOffer> _visible = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changes;
    private IGrainTimer? _announceTimer;
    private IGrainTimer? _watchdogTimer;
    private DateTimeOffset _lastAnnounced;
    private IGrainTimer? _presenceTimer;
    private bool _broken;

    private AgentDeskState S => state.State;

    private string AgentId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reservations survive a silo; whether their offers still stand only the items know.
        foreach (var offerId in S.Reservations.Keys.ToArray())
        {
            try
            {
                await ReconcileAsync(offerId, onlyExpired: false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReconcileFailed(logger, e);
            }
        }
        // A chat accepted just before this desk's silo died may not have joined its conversation yet.
        foreach (var itemId in S.Assignments.Where(a => a.Value.ConversationId is not null).Select(a => a.Key).ToArray())
        {
            try
            {
                if (await Item(itemId).GetView() is { } view)
                    await JoinConversationAsync(view);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogJoinFailed(logger, e);
            }
        }
        UpdateTimers();
        if (S.Presence == AgentPresence.Available)
            Announce();
        // Supervisors hear of the desk again after a silo failure (their feed may have missed its last change).
        supervision.Publish(AgentSummary.From(Desk(), clock.GetUtcNow()));
        // A grace period may have run out while no activation was there to see it (the reminder woke this one).
        await CheckPresenceSafelyAsync();
    }

    public async Task<AgentDeskView> SetPresence(AgentPresence presence, AgentRoutingProfile? profile)
    {
        EnsureReady();
        if (!Enum.IsDefined(presence))
            throw new InboxException(InboxErrors.Invalid, "Unbekannter Status.");
        var oldQueues = QueueNames.ForAgent(S.Profile);
        if (presence == AgentPresence.Available && S.Presence != AgentPresence.Available)
            S.IdleSince = clock.GetUtcNow();
        S.Presence = presence;
        // The agent acted: a pending offline of a lost connection no longer applies.
        S.OfflineAt = null;
        if (profile is not null)
            S.Profile = profile;
        await StoreAsync();
        if (S.Profile.Team is { Length: > 0 } team)
            await GrainFactory.GetGrain<ITeamDirectoryGrain>(0).Register(team);
        // Queues the agent no longer serves hear that it is gone from them.
        foreach (var queue in oldQueues.Except(QueueNames.ForAgent(S.Profile)))
            await GrainFactory.GetGrain<IRoutingQueueGrain>(queue).AgentChanged(Availability() with { Available = false });
        Announce();
        UpdateTimers();
        if (presence == AgentPresence.Offline)
            await ReturnChatsAsync();
        await UpdatePresenceBackstopAsync();
        return Desk();
    }

    public async Task Connected(string connectionId, SiloAddress gateway)
    {
        EnsureReady();
        S.Connections[connectionId] = new AgentConnection(gateway, clock.GetUtcNow());
        S.OfflineAt = null;
        await StoreAsync();
        await UpdatePresenceBackstopAsync();
    }

    public async Task Disconnected(string connectionId)
    {
        EnsureReady();
        if (!S.Connections.Remove(connectionId))
            return;
        StartGraceIfNoConnection();
        await StoreAsync();
        await UpdatePresenceBackstopAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckPresenceSafelyAsync();

    public async Task ShowCall(IncomingCall call)
    {
        EnsureReady();
        // Ringing then answered: the same call stays popped up as it was first shown.
        if (S.IncomingCall?.ItemId == call.ItemId)
            return;
        S.IncomingCall = call;
        await StoreAsync();
    }

    public async Task EndCall(string itemId)
    {
        EnsureReady();
        if (S.IncomingCall?.ItemId != itemId)
            return;
        S.IncomingCall = null;
        await StoreAsync();
    }

    public async Task<ReservationResult> Reserve(Guid offerId, string itemId, WorkChannel channel, DateTimeOffset expiresAt)
    {
        EnsureReady();
        if (S.Reservations.TryGetValue(offerId, out var existing))
            return new ReservationResult(true, existing.Weight, S.Profile.Capacity.Budget, Availability());
        var weight = S.Profile.Capacity.WeightOf(channel);
        var holdsItem = S.Assignments.ContainsKey(itemId) || S.Reservations.Values.Any(r => r.ItemId == itemId);
        if (S.Presence != AgentPresence.Available || weight is null || holdsItem || S.Load + weight > S.Profile.Capacity.Budget)
            return new ReservationResult(false, weight ?? 0, S.Profile.Capacity.Budget, Availability());
        S.Reservations[offerId] = new Reservation(itemId, channel, weight.Value, expiresAt);
        S.IdleSince = clock.GetUtcNow();
        await StoreAsync();
        UpdateTimers();
        Announce();
        return new ReservationResult(true, weight.Value, S.Profile.Capacity.Budget, Availability());
    }

    public Task ConfirmOffer(AgentOffer offer)
    {
        if (S.Reservations.ContainsKey(offer.OfferId) && _visible.TryAdd(offer.OfferId, offer))
            Signal();
        return Task.CompletedTask;
    }

    public Task ReleaseIfGone(Guid offerId) => _broken ? Task.CompletedTask : ReconcileAsync(offerId, onlyExpired: false);

    public async Task<WorkItemView> Accept(Guid offerId)
    {
        EnsureReady();
        if (!S.Reservations.TryGetValue(offerId, out var reservation))
        {
            var accepted = S.Assignments.FirstOrDefault(a => a.Value.OfferId == offerId).Key;
            if (accepted is null)
                throw new InboxException(InboxErrors.OfferGone, "Dieses Angebot gilt nicht mehr.");
            var again = await Item(accepted).GetView() ?? throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.");
            // A repeated accept (the answer was lost, or the join failed): the join is repeated too, harmlessly.
            await JoinConversationAsync(again);
            return again;
        }
        WorkItemView view;
        try
        {
            view = await Item(reservation.ItemId).Accept(offerId, AgentId);
        }
        catch (InboxException e) when (e.Code == InboxErrors.OfferGone)
        {
            await ReconcileAsync(offerId, onlyExpired: false);
            throw;
        }
        await ConvertToAssignmentAsync(offerId, reservation, view.ConversationId);
        await JoinConversationAsync(view);
        return view;
    }

    public async Task Decline(Guid offerId)
    {
        EnsureReady();
        if (!S.Reservations.TryGetValue(offerId, out var reservation))
            return;
        var status = await Item(reservation.ItemId).Decline(offerId, AgentId);
        if (status == OfferStatus.AssignedToYou)
        {
            var view = await Item(reservation.ItemId).GetView();
            await ConvertToAssignmentAsync(offerId, reservation, view?.ConversationId);
            if (view is not null)
                await JoinConversationAsync(view);
            return;
        }
        await ReleaseAsync(offerId);
    }

    public async Task Complete(string itemId)
    {
        EnsureReady();
        if (!S.Assignments.ContainsKey(itemId))
        {
            // An accept whose answer was lost: the item knows.
            foreach (var pending in S.Reservations.Where(r => r.Value.ItemId == itemId).Select(r => r.Key).ToArray())
                await ReconcileAsync(pending, onlyExpired: false);
            if (!S.Assignments.ContainsKey(itemId))
                throw new InboxException(InboxErrors.NotAssigned, "Dieser Vorgang ist Ihnen nicht zugewiesen.");
        }
        try
        {
            await Item(itemId).Complete(AgentId);
        }
        catch (InboxException e) when (e.Code == InboxErrors.NotAssigned)
        {
            // Moved on by a supervisor meanwhile (and the item's message lost): the capacity is not held any more.
            await ReleaseAssignmentIfGone(itemId);
            throw;
        }
        await DropAssignmentAsync(itemId);
    }

    public async Task<WorkItemView> Transfer(string itemId, TransferRequest request)
    {
        EnsureReady();
        if (!S.Assignments.ContainsKey(itemId))
        {
            foreach (var pending in S.Reservations.Where(r => r.Value.ItemId == itemId).Select(r => r.Key).ToArray())
                await ReconcileAsync(pending, onlyExpired: false);
            if (!S.Assignments.ContainsKey(itemId))
            {
                throw await Item(itemId).GetView() is { Status: WorkItemStatus.Done or WorkItemStatus.Abandoned }
                    ? new InboxException(InboxErrors.AlreadyDone, "Dieser Vorgang ist abgeschlossen.")
                    : new InboxException(InboxErrors.NotAssigned, "Dieser Vorgang ist Ihnen nicht zugewiesen.");
            }
        }
        WorkItemView view;
        try
        {
            view = await Item(itemId).Transfer(AgentId, request);
        }
        catch (InboxException e) when (e.Code is InboxErrors.NotAssigned or InboxErrors.AlreadyDone)
        {
            await ReleaseAssignmentIfGone(itemId);
            throw;
        }
        // The item recorded the transfer (and the end of this assignment) first; only now is the capacity free.
        var handedOn = S.Assignments.GetValueOrDefault(itemId);
        await DropAssignmentAsync(itemId);
        await LeaveChatAsync(handedOn);
        return view;
    }

    public async Task ReleaseAssignmentIfGone(string itemId)
    {
        if (_broken || !S.Assignments.TryGetValue(itemId, out var assignment))
            return;
        if (!await Item(itemId).HoldsAssignment(AgentId, assignment.OfferId))
        {
            await DropAssignmentAsync(itemId);
            await LeaveChatAsync(assignment);
        }
    }

    /// <summary>
    /// A chat moved on to someone else (transfer, a supervisor's reassignment): this agent leaves the conversation, so
    /// only its new holder takes part. Best effort: the capacity is already free, and a conversation the agent stays in
    /// by a lost call only shows one participant too many.
    /// </summary>
    private async Task LeaveChatAsync(Assignment? assignment)
    {
        if (assignment?.ConversationId is not { } conversationId)
            return;
        try
        {
            await GrainFactory.GetGrain<IConversationGrain>(conversationId).ReleaseAgent(await AsParticipantAsync());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLeaveChatFailed(logger, e);
        }
    }

    public Task<bool> IsKnown() => Task.FromResult(S.Version > 0);

    private async Task DropAssignmentAsync(string itemId)
    {
        if (!S.Assignments.Remove(itemId))
            return;
        S.IdleSince = clock.GetUtcNow();
        await StoreAsync();
        Announce();
    }

    public Task<AgentDeskView> GetDesk() => Task.FromResult(Desk());

    public async Task<AgentDeskView> WaitForChange(long knownVersion, TimeSpan wait)
    {
        if (knownVersion == _changes)
        {
            var changed = _changed.Task;
            await Task.WhenAny(changed, Task.Delay(wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1)));
        }
        return Desk();
    }

    private IWorkItemGrain Item(string itemId) => GrainFactory.GetGrain<IWorkItemGrain>(itemId);

    private void StartGraceIfNoConnection()
    {
        if (S.Connections.Count == 0 && S.Presence != AgentPresence.Offline && S.OfflineAt is null)
            S.OfflineAt = clock.GetUtcNow() + options.PresenceGrace;
    }

    private async Task CheckPresenceSafelyAsync()
    {
        try
        {
            await CheckPresenceAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogPresenceCheckFailed(logger, e);
        }
    }

    /// <summary>
    /// Drops connections of gateways cluster membership declared dead (they never report a disconnect), lets the agent
    /// go offline when the grace period is over, and finishes returning its chats if an earlier attempt failed.
    /// </summary>
    private async Task CheckPresenceAsync()
    {
        if (_broken)
            return;
        var snapshot = membership.CurrentSnapshot;
        var gone = S.Connections.Where(c => snapshot.GetSiloStatus(c.Value.Gateway) is SiloStatus.Dead or SiloStatus.None).Select(c => c.Key).ToArray();
        if (gone.Length > 0)
        {
            foreach (var connectionId in gone)
                S.Connections.Remove(connectionId);
            StartGraceIfNoConnection();
            await StoreAsync();
        }
        if (S.OfflineAt is { } offlineAt && clock.GetUtcNow() >= offlineAt)
            await GoOfflineAsync();
        else if (S.Presence == AgentPresence.Offline)
            await ReturnChatsAsync();
        await UpdatePresenceBackstopAsync();
    }

    private async Task GoOfflineAsync()
    {
        S.Presence = AgentPresence.Offline;
        S.OfflineAt = null;
        await StoreAsync();
        Announce();
        UpdateTimers();
        LogWentOffline(logger);
        await ReturnChatsAsync();
    }

    /// <summary>
    /// An offline agent holds no chat: each goes back to its queue (the item records the agent), the conversation
    /// shows that the agent left, and only then the desk frees the capacity — so the history's load never exceeds the
    /// desk's. A failed return is repeated on the next presence check; an e-mail or case stays assigned.
    /// </summary>
    private async Task ReturnChatsAsync()
    {
        foreach (var (itemId, assignment) in S.Assignments.Where(a => a.Value.Channel == WorkChannel.Chat).ToArray())
        {
            if (_broken)
                return;
            try
            {
                await Item(itemId).ReturnToQueue(AgentId);
                if (assignment.ConversationId is { } conversationId)
                    await GrainFactory.GetGrain<IConversationGrain>(conversationId).ReleaseAgent(await AsParticipantAsync());
                S.Assignments.Remove(itemId);
                S.IdleSince = clock.GetUtcNow();
                await StoreAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReturnFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// While connections are tracked, a grace period runs or chats still have to go back, a grain timer checks often
    /// and a reminder (durable) wakes the desk even after its silo died; otherwise both are stopped.
    /// </summary>
    private async Task UpdatePresenceBackstopAsync()
    {
        var needed = S.Connections.Count > 0 || S.OfflineAt is not null
            || (S.Presence == AgentPresence.Offline && S.Assignments.Values.Any(a => a.Channel == WorkChannel.Chat));
        if (needed)
        {
            _presenceTimer ??= this.RegisterGrainTimer(
                _ => CheckPresenceSafelyAsync(),
                new GrainTimerCreationOptions(options.PresenceCheckInterval, options.PresenceCheckInterval) { KeepAlive = true });
        }
        else
        {
            _presenceTimer?.Dispose();
            _presenceTimer = null;
        }
        if (needed == S.PresenceReminder || _broken)
            return;
        try
        {
            if (needed)
                await this.RegisterOrUpdateReminder(PresenceReminderName, PresenceReminderPeriod, PresenceReminderPeriod);
            else if (await this.GetReminder(PresenceReminderName) is { } reminder)
                await this.UnregisterReminder(reminder);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Without a reminder service (or while it is unreachable) the grain timer still checks; tried again next time.
            LogReminderFailed(logger, e);
            return;
        }
        S.PresenceReminder = needed;
        await StoreAsync();
    }

    /// <summary>Asks the item about a reservation and acts on the answer; the only way a reservation ends unaccepted.</summary>
    private async Task ReconcileAsync(Guid offerId, bool onlyExpired)
    {
        if (!S.Reservations.TryGetValue(offerId, out var reservation))
            return;
        if (onlyExpired && clock.GetUtcNow() < reservation.ExpiresAt + options.ClockAllowance)
            return;
        var check = await Item(reservation.ItemId).CheckOffer(offerId, AgentId, reservation.ExpiresAt);
        switch (check.Status)
        {
            case OfferStatus.Gone:
                await ReleaseAsync(offerId);
                break;
            case OfferStatus.AssignedToYou:
                var view = await Item(reservation.ItemId).GetView();
                await ConvertToAssignmentAsync(offerId, reservation, view?.ConversationId);
                if (view is not null)
                    await JoinConversationAsync(view);
                break;
            case OfferStatus.Live when check.Offer is { } offer:
                await ConfirmOffer(offer);
                break;
        }
    }

    private async Task ReleaseAsync(Guid offerId)
    {
        if (!S.Reservations.Remove(offerId))
            return;
        _visible.Remove(offerId);
        await StoreAsync();
        UpdateTimers();
        Announce();
    }

    /// <summary>
    /// The item accepted: the reservation becomes an assignment of the same weight. Not stored on its own: the stored
    /// reservation already holds the capacity, and a new activation learns of the acceptance from the item
    /// (<see cref="OfferStatus.AssignedToYou"/>); the next stored change stores it along.
    /// </summary>
    private Task ConvertToAssignmentAsync(Guid offerId, Reservation reservation, Guid? conversationId)
    {
        if (!S.Reservations.Remove(offerId))
            return Task.CompletedTask;
        _visible.Remove(offerId);
        S.Assignments[reservation.ItemId] = new Assignment(reservation.Channel, reservation.Weight, offerId, conversationId);
        Signal();
        UpdateTimers();
        return Task.CompletedTask;
    }

    /// <summary>
    /// An accepted chat: the agent joins exactly that conversation, after the item stored the assignment. Idempotent at
    /// the conversation (one "hat übernommen" note), so every path that learns of the assignment may call it again:
    /// a repeated accept, a reconciled reservation, a new activation; and the conversation itself heals a missed join
    /// when the assignee opens it.
    /// </summary>
    private async Task JoinConversationAsync(WorkItemView item)
    {
        if (item.ConversationId is not { } conversationId || item.AgentId != AgentId
            || item.Status is not (WorkItemStatus.Assigned or WorkItemStatus.InProgress or WorkItemStatus.WaitingForCustomer or WorkItemStatus.OnHold))
            return;
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).AssignAgent(await AsParticipantAsync());
    }

    /// <summary>The agent as customers see it: the name from the token (given with the presence), else the agent profile.</summary>
    private async Task<Participant> AsParticipantAsync()
    {
        var name = S.Profile.DisplayName;
        if (string.IsNullOrWhiteSpace(name))
            name = (await GrainFactory.GetGrain<IAgentGrain>(AgentId).GetProfile())?.DisplayName;
        return new Participant(AgentId, ParticipantRole.Agent, string.IsNullOrWhiteSpace(name) ? AgentId : name);
    }

    private async Task StoreAsync()
    {
        S.Version++;
        try
        {
            await state.WriteOrDeactivateAsync(this);
        }
        catch (Exception e)
        {
            // Memory that is not stored must not decide capacity (another activation may have won): the next call reloads.
            _broken = true;
            LogWriteFailed(logger, e);
            throw new InboxException(InboxErrors.Retry, "Der Arbeitsplatz wurde gleichzeitig geändert; bitte erneut versuchen.");
        }
        Signal();
    }

    private void EnsureReady()
    {
        if (_broken)
            throw new InboxException(InboxErrors.Retry, "Der Arbeitsplatz wird neu geladen; bitte erneut versuchen.");
    }

    private void Signal()
    {
        _changes++;
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The agent's workspace hears of every change at once (best effort: it fetches the desk again on reconnect).
        fanout.Enqueue(new ClientDelivery([AgentId], null, null, Desk: Desk()));
        // A dictionary write at the silo's publisher; it publishes the latest of each desk a few times a second.
        supervision.Publish(AgentSummary.From(Desk(), clock.GetUtcNow()));
    }

    /// <summary>Tells every queue of the agent its presence and load (one-way; a lost one is repeated by the timer).</summary>
    private void Announce()
    {
        _lastAnnounced = clock.GetUtcNow();
        var availability = Availability();
        foreach (var queue in QueueNames.ForAgent(S.Profile))
            GrainFactory.GetGrain<IRoutingQueueGrain>(queue).AgentChanged(availability).Ignore();
    }

    /// <summary>
    /// The periodic re-announcement (so a queue that lost its memory learns the agent again) is left out when a change
    /// announced the agent in the last half interval: a busy agent announces with every change anyway, and 2,500 agents'
    /// timers alone were 1,500 queue calls a second. So every queue still hears from each agent at least every 1.5
    /// intervals.
    /// </summary>
    private void AnnounceIfQuiet()
    {
        if (clock.GetUtcNow() - _lastAnnounced >= options.AnnounceInterval / 2)
            Announce();
    }

    private void UpdateTimers()
    {
        if (S.Presence == AgentPresence.Available)
        {
            _announceTimer ??= this.RegisterGrainTimer(
                _ => { AnnounceIfQuiet(); return Task.CompletedTask; },
                new GrainTimerCreationOptions(options.AnnounceInterval, options.AnnounceInterval) { KeepAlive = true });
        }
        else
        {
            _announceTimer?.Dispose();
            _announceTimer = null;
        }
        if (S.Reservations.Count > 0)
        {
            _watchdogTimer ??= this.RegisterGrainTimer(
                CheckExpiredReservationsAsync,
                new GrainTimerCreationOptions(options.WatchdogInterval, options.WatchdogInterval) { KeepAlive = true });
        }
        else
        {
            _watchdogTimer?.Dispose();
            _watchdogTimer = null;
        }
    }

    private async Task CheckExpiredReservationsAsync(CancellationToken cancellationToken)
    {
        foreach (var offerId in S.Reservations.Keys.ToArray())
        {
            if (_broken)
                return;
            try
            {
                await ReconcileAsync(offerId, onlyExpired: true);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReconcileFailed(logger, e);
            }
        }
    }

    private AgentAvailability Availability() => new(
        AgentId, S.Presence == AgentPresence.Available, S.Profile.Skills, S.Profile.Capacity, S.Load, S.IdleSince, S.Version);

    private AgentDeskView Desk() => new(
        AgentId, S.Presence, S.Profile, S.Load, _visible.Values.OrderBy(o => o.ExpiresAt).ToArray(), S.Assignments.Keys.Order().ToArray(), _changes,
        S.IncomingCall);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing an agent desk failed; the activation is dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "An agent went offline after its last connection was gone for the grace period")]
    private static partial void LogWentOffline(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking an agent's presence failed; the next check repeats it")]
    private static partial void LogPresenceCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaving a chat that moved on to another agent failed")]
    private static partial void LogLeaveChatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Returning an offline agent's chat to its queue failed; the next presence check repeats it")]
    private static partial void LogReturnFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering or removing the presence reminder failed; the grain timer still checks")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Joining an accepted chat's conversation failed; the next accept or the agent opening it repeats it")]
    private static partial void LogJoinFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling an expired reservation failed; retrying on the next round")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
