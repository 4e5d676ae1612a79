using Kasse.Grains.Supervision;
using Kasse.Inbox;
using Kasse.Supervision;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Inbox;

/// <summary>
/// One queue: waiting items in <see cref="WaitingOrder"/>, and what its agents announced (a hint). Matching happens in
/// memory; each match becomes an offer attempt that runs beside the queue's turns (reserve at the agent, record at the
/// item, show to the agent), so the queue never blocks on another grain and stays callable by both. Either grain may
/// refuse; the attempt then puts the item back. A new activation rebuilds its waiting list by waking the items the history
/// shows as unsettled here (again whenever a silo dies), and learns its agents from their periodic announcements.
/// For supervisors it hands its summary to the silo's <see cref="SupervisionPublisher"/> at most once per
/// <see cref="SupervisionOptions.QueueSummaryInterval"/>, and only when something changed or an SLA deadline passed.
/// </summary>
public sealed partial class RoutingQueueGrain(
    IWorkItemHistory history,
    RoutingOptions options,
    IClusterMembershipService membership,
    SupervisionPublisher supervision,
    SupervisionOptions supervisionOptions,
    TimeProvider clock,
    ILogger<RoutingQueueGrain> logger) : Grain, IRoutingQueueGrain
{
    /// <summary>How many waiting items one matching round looks at; the rest wait for the next round.</summary>
    public const int MaxScan = 2000;

    private readonly SortedSet<QueuedItem> _waiting = new(WaitingOrder.Instance);
    private readonly Dictionary<string, QueuedItem> _waitingById = [];
    private readonly HashSet<string> _inFlight = [];
    private readonly Dictionary<string, QueuedItem> _requeueAfterAttempt = [];
    private readonly Dictionary<string, DateTimeOffset> _offersOut = [];
    private readonly Dictionary<string, AgentAvailability> _agents = [];

    // Kept up to date with every change of _agents, so a match costs O(log agents), not O(agents): agents with room,
    // idle longest first, and per channel how many agents have room for it.
    private readonly SortedSet<AgentAvailability> _withRoom = new(IdleOrder.Instance);
    private readonly Dictionary<WorkChannel, int> _open = [];
    private readonly HashSet<string> _toWake = [];
    private HashSet<SiloAddress> _activeSilos = [];

    // The supervisor summary: recomputed (a walk over the waiting items) on the summary timer only when something
    // changed or the next waiting item's SLA deadline passed, never per change. A new activation publishes once.
    private bool _summaryChanged = true;
    private DateTimeOffset _nextBreachAt = DateTimeOffset.MaxValue;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activeSilos = ActiveSilos();
        this.RegisterGrainTimer(
            OnTimerAsync, new GrainTimerCreationOptions(options.WatchdogInterval, options.WatchdogInterval) { KeepAlive = true });
        this.RegisterGrainTimer(
            PublishSummaryIfChanged, new GrainTimerCreationOptions(supervisionOptions.QueueSummaryInterval, supervisionOptions.QueueSummaryInterval));
        // This queue may have lost its memory with a silo: the items that should be here are woken and queue themselves.
        await WakeUnsettledAsync();
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        CheckOffersOut();
        Match();
        foreach (var itemId in _toWake.ToArray())
            _ = WakeAsync(itemId);
        // A silo left: an activation of this queue on it (briefly a duplicate of this one) may have taken items that
        // this activation never heard of. The history knows them.
        var active = ActiveSilos();
        var lost = _activeSilos.Except(active).Any();
        _activeSilos = active;
        if (lost)
            await WakeUnsettledAsync();
    }

    private async Task WakeUnsettledAsync()
    {
        foreach (var itemId in await history.ReadUnsettledAsync(Name))
        {
            if (!_waitingById.ContainsKey(itemId) && !_inFlight.Contains(itemId) && _toWake.Add(itemId))
                _ = WakeAsync(itemId);
        }
    }

    /// <summary>
    /// Wakes an item (it then queues itself here, or checks its offer). Right after a silo died the call may still be
    /// routed to the dead activation and fail; the item stays on the list and is tried again on the next tick.
    /// </summary>
    private async Task WakeAsync(string itemId)
    {
        try
        {
            await GrainFactory.GetGrain<IWorkItemGrain>(itemId).Poke();
            _toWake.Remove(itemId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDetachedFailed(logger, "wake", e);
        }
    }

    private HashSet<SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();

    /// <summary>
    /// Leaving (idle, or a duplicate activation losing after a silo failure): every waiting item is woken, so it queues
    /// itself with the activation that stays.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var itemId in _waitingById.Keys.Concat(_inFlight).ToArray())
            Detach(GrainFactory.GetGrain<IWorkItemGrain>(itemId).Poke(), "hand over");
        return Task.CompletedTask;
    }

    public Task Enqueue(QueuedItem item)
    {
        _summaryChanged = true;
        _offersOut.Remove(item.ItemId);
        if (_inFlight.Contains(item.ItemId))
        {
            // An attempt for this item is under way; whatever it ends in, the item asked to wait again (its offer may
            // have expired meanwhile), so it goes back in line when the attempt ends.
            _requeueAfterAttempt[item.ItemId] = item;
            return Task.CompletedTask;
        }
        AddWaiting(item);
        Match();
        return Task.CompletedTask;
    }

    public Task Forget(string itemId)
    {
        RemoveWaiting(itemId);
        _summaryChanged |= _offersOut.Remove(itemId);
        return Task.CompletedTask;
    }

    public Task AgentChanged(AgentAvailability availability)
    {
        if (_agents.TryGetValue(availability.AgentId, out var known) && known.Version > availability.Version)
            return Task.CompletedTask;
        SetAgent(availability);
        Match();
        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshot()
    {
        var escalated = _waiting.Where(w => w.Escalated).Select(w => w.ItemId).ToArray();
        return Task.FromResult(new QueueSnapshot(
            Name, _waiting.Count + _inFlight.Count, _waiting.Count == 0 ? null : _waiting.Min(w => w.CreatedAt), _offersOut.Count,
            _agents.Values.Count(a => a.Available), _inFlight.Count, escalated.Length, escalated));
    }

    public Task<QueueSummary> GetSummary() => Task.FromResult(Summary());

    public Task<IReadOnlyList<QueuedItem>> GetWaitingItems(int max) =>
        Task.FromResult<IReadOnlyList<QueuedItem>>(_waiting.Take(Math.Clamp(max, 0, MaxScan)).ToArray());

    private Task PublishSummaryIfChanged(CancellationToken cancellationToken)
    {
        if (_summaryChanged || clock.GetUtcNow() >= _nextBreachAt)
        {
            _summaryChanged = false;
            supervision.Publish(Summary());
        }
        return Task.CompletedTask;
    }

    /// <summary>Walks the waiting items once: SLA breaches, the oldest wait, and when the next deadline passes.</summary>
    private QueueSummary Summary()
    {
        var now = clock.GetUtcNow();
        var breaches = 0;
        var escalated = 0;
        DateTimeOffset? oldest = null;
        var nextBreach = DateTimeOffset.MaxValue;
        foreach (var item in _waitingById.Values)
        {
            if (item.SlaDeadline <= now)
                breaches++;
            else if (item.SlaDeadline < nextBreach)
                nextBreach = item.SlaDeadline;
            if (item.Escalated)
                escalated++;
            if (oldest is null || item.CreatedAt < oldest)
                oldest = item.CreatedAt;
        }
        _nextBreachAt = nextBreach;
        return new QueueSummary(
            Name, _waiting.Count + _inFlight.Count, oldest, breaches, escalated, _offersOut.Count, _agents.Values.Count(a => a.Available), now);
    }

    /// <summary>Matches waiting items, in order, with the eligible agent idle longest, while any agent has room.</summary>
    private void Match()
    {
        if (_waiting.Count == 0 || _open.Count == 0)
            return;
        var matches = new List<(QueuedItem Item, AgentAvailability Agent)>();
        var scanned = 0;
        foreach (var item in _waiting)
        {
            // Items of a channel nobody has room for are skipped cheaply.
            if (_open.Count == 0 || ++scanned > MaxScan)
                break;
            if (!_open.ContainsKey(item.Channel) || Choose(item) is not { } agent)
                continue;
            matches.Add((item, agent));
            // Count the offer against the hint now, so this round does not overbook; the agent's answer corrects it.
            SetAgent(agent with { Load = agent.Load + agent.Capacity.WeightOf(item.Channel)!.Value, IdleSince = clock.GetUtcNow() });
        }
        foreach (var (item, agent) in matches)
        {
            RemoveWaiting(item.ItemId);
            _inFlight.Add(item.ItemId);
            Detach(OfferAsync(item, agent.AgentId), "offer");
        }
    }

    /// <summary>Replaces what this queue knows of an agent, keeping the room index and the channel counts in step.</summary>
    private void SetAgent(AgentAvailability availability)
    {
        _summaryChanged = true;
        if (_agents.Remove(availability.AgentId, out var old) && _withRoom.Remove(old))
            CountRoom(old, -1);
        _agents[availability.AgentId] = availability;
        if (availability.Available && availability.Free > 0 && _withRoom.Add(availability))
            CountRoom(availability, +1);
    }

    private void CountRoom(AgentAvailability agent, int delta)
    {
        foreach (var (channel, weight) in agent.Capacity.Weights)
        {
            if (weight <= 0 || weight > agent.Free)
                continue;
            var count = _open.GetValueOrDefault(channel) + delta;
            if (count > 0)
                _open[channel] = count;
            else
                _open.Remove(channel);
        }
    }

    private AgentAvailability? Choose(QueuedItem item)
    {
        // Reserved for one agent (a transfer to a colleague): that agent or nobody; the item moves on by itself later.
        if (item.ReservedFor is { } reserved)
        {
            return _agents.TryGetValue(reserved, out var only) && only.Available
                && only.Capacity.WeightOf(item.Channel) is { } weight && weight <= only.Free
                ? only
                : null;
        }
        // Idle longest first: usually the first agent with room fits. Agents who declined (or let the offer expire) get
        // the item again only when nobody else could ever take it.
        AgentAvailability? declinedButFits = null;
        foreach (var agent in _withRoom)
        {
            if (!agent.Fits(item.Channel, item.RequiredSkills))
                continue;
            if (!item.DeclinedBy.Contains(agent.AgentId))
                return agent;
            declinedButFits ??= agent;
        }
        if (declinedButFits is null)
            return null;
        var anyoneElse = _agents.Values.Any(a =>
            a.Available && !item.DeclinedBy.Contains(a.AgentId) && a.Capacity.WeightOf(item.Channel) is not null
            && item.RequiredSkills.All(s => a.Skills.Contains(s)));
        return anyoneElse ? null : declinedButFits;
    }

    /// <summary>One offer attempt: reserve, record, show. Runs interleaved with the queue's turns (same scheduler).</summary>
    private async Task OfferAsync(QueuedItem item, string agentId)
    {
        var offerId = Guid.NewGuid();
        var expiresAt = clock.GetUtcNow() + options.OfferTimeout;
        var agent = GrainFactory.GetGrain<IAgentDeskGrain>(agentId);
        var reserved = false;
        var offered = false;
        try
        {
            var reservation = await agent.Reserve(offerId, item.ItemId, item.Channel, expiresAt);
            reserved = reservation.Reserved;
            Learn(reservation.Availability);
            if (reserved)
            {
                offered = await GrainFactory.GetGrain<IWorkItemGrain>(item.ItemId).Offer(offerId, agentId, reservation.Weight, reservation.Budget, expiresAt);
                if (offered)
                {
                    _offersOut[item.ItemId] = expiresAt;
                    await agent.ConfirmOffer(new AgentOffer(offerId, item.ItemId, item.Channel, item.Topic, item.Priority, item.SlaDeadline, expiresAt));
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogOfferFailed(logger, e);
        }
        finally
        {
            _summaryChanged = true;
            _inFlight.Remove(item.ItemId);
            if (reserved && !offered)
                agent.ReleaseIfGone(offerId).Ignore();
            if (_requeueAfterAttempt.Remove(item.ItemId, out var again))
                AddWaiting(again);
            else if (!offered)
            {
                // Not offered: back in line (the item tells us if it does not wait any more).
                if (!reserved)
                    AddWaiting(item);
                else if (_toWake.Add(item.ItemId))
                    _ = WakeAsync(item.ItemId);
            }
            Match();
        }
    }

    private void Learn(AgentAvailability availability)
    {
        if (!_agents.TryGetValue(availability.AgentId, out var known) || known.Version <= availability.Version)
            SetAgent(availability);
    }

    /// <summary>Wakes items whose offer outlived its expiry: a silo holding the item or the agent may have died.</summary>
    private void CheckOffersOut()
    {
        var now = clock.GetUtcNow();
        foreach (var (itemId, expiresAt) in _offersOut.Where(o => now > o.Value + options.ClockAllowance).ToArray())
        {
            _offersOut.Remove(itemId);
            _summaryChanged = true;
            if (_toWake.Add(itemId))
                _ = WakeAsync(itemId);
        }
    }

    private void AddWaiting(QueuedItem item)
    {
        _summaryChanged = true;
        RemoveWaiting(item.ItemId);
        _waiting.Add(item);
        _waitingById[item.ItemId] = item;
    }

    private void RemoveWaiting(string itemId)
    {
        if (_waitingById.Remove(itemId, out var existing))
        {
            _waiting.Remove(existing);
            _summaryChanged = true;
        }
    }

    private void Detach(Task task, string what) =>
        task.ContinueWith(
            t => LogDetachedFailed(logger, what, t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Information, Message = "An offer attempt failed; the item goes back in line")]
    private static partial void LogOfferFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A queue's {What} call failed")]
    private static partial void LogDetachedFailed(ILogger logger, string what, Exception exception);
}
