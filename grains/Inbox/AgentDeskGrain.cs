using Kasse.Grains.Common;
using Kasse.Grains.Supervision;
using Kasse.Inbox;
using Kasse.Supervision;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The routing side of one agent. Capacity is reserved (and stored) before an item records an offer, and released only
/// when the item says the offer is gone or the work is done, so the stored reservations and assignments never exceed the
/// budget and always cover what the items hold. Reservations whose offer outlived its expiry are reconciled by asking
/// the item. Queues only get hints from here; they never decide capacity.
/// </summary>
public sealed partial class AgentDeskGrain(
    [PersistentState("agent-desk", StorageNames.Default)] IPersistentState<AgentDeskState> state,
    RoutingOptions options,
    SupervisionPublisher supervision,
    TimeProvider clock,
    ILogger<AgentDeskGrain> logger) : Grain, IAgentDeskGrain
{
    // Offers the items have confirmed; only these are shown to the agent (the rest are reservations in flight).
    private readonly Dictionary<Guid, AgentOffer> _visible = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changes;
    private IGrainTimer? _announceTimer;
    private IGrainTimer? _watchdogTimer;
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
        UpdateTimers();
        if (S.Presence == AgentPresence.Available)
            Announce();
        // Supervisors hear of the desk again after a silo failure (their feed may have missed its last change).
        supervision.Publish(AgentSummary.From(Desk(), clock.GetUtcNow()));
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
        return Desk();
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
            return accepted is not null
                ? await Item(accepted).GetView() ?? throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.")
                : throw new InboxException(InboxErrors.OfferGone, "Dieses Angebot gilt nicht mehr.");
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
        await ConvertToAssignmentAsync(offerId, reservation);
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
            await ConvertToAssignmentAsync(offerId, reservation);
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
        await DropAssignmentAsync(itemId);
        return view;
    }

    public async Task ReleaseAssignmentIfGone(string itemId)
    {
        if (_broken || !S.Assignments.TryGetValue(itemId, out var assignment))
            return;
        if (!await Item(itemId).HoldsAssignment(AgentId, assignment.OfferId))
            await DropAssignmentAsync(itemId);
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
                await ConvertToAssignmentAsync(offerId, reservation);
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
    private Task ConvertToAssignmentAsync(Guid offerId, Reservation reservation)
    {
        if (!S.Reservations.Remove(offerId))
            return Task.CompletedTask;
        _visible.Remove(offerId);
        S.Assignments[reservation.ItemId] = new Assignment(reservation.Channel, reservation.Weight, offerId);
        Signal();
        UpdateTimers();
        return Task.CompletedTask;
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
        // A dictionary write at the silo's publisher; it publishes the latest of each desk a few times a second.
        supervision.Publish(AgentSummary.From(Desk(), clock.GetUtcNow()));
    }

    /// <summary>Tells every queue of the agent its presence and load (one-way; a lost one is repeated by the timer).</summary>
    private void Announce()
    {
        var availability = Availability();
        foreach (var queue in QueueNames.ForAgent(S.Profile))
            GrainFactory.GetGrain<IRoutingQueueGrain>(queue).AgentChanged(availability).Ignore();
    }

    private void UpdateTimers()
    {
        if (S.Presence == AgentPresence.Available)
        {
            _announceTimer ??= this.RegisterGrainTimer(
                _ => { Announce(); return Task.CompletedTask; },
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
        AgentId, S.Presence, S.Profile, S.Load, _visible.Values.OrderBy(o => o.ExpiresAt).ToArray(), S.Assignments.Keys.Order().ToArray(), _changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing an agent desk failed; the activation is dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling an expired reservation failed; retrying on the next round")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
