using Kasse.Gateway;
using Kasse.Grains.Gateway;
using Kasse.Inbox;
using Kasse.Supervision;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Kasse.Grains.Supervision;

/// <summary>
/// The supervisors' live picture: the latest summary of every queue and agent, fed by the supervision stream (implicit
/// subscription, so the first event activates it). Memory streams are not durable, so it re-reads the queues' and
/// desks' own snapshots (1) on activation, (2) when a publisher's batch numbers show a gap, and (3) every
/// <see cref="SupervisionOptions.RefreshInterval"/>. Changes are pushed, numbered, to the supervisors watching.
/// </summary>
[ImplicitStreamSubscription(SupervisionStream.Namespace)]
public sealed partial class SupervisorFeedGrain(
    [PersistentState("supervisor-feed", StorageNames.Default)] IPersistentState<SupervisorFeedState> state,
    GatewayFanout fanout,
    SupervisionOptions options,
    TimeProvider clock,
    ILogger<SupervisorFeedGrain> logger) : Grain, ISupervisorFeedGrain, IStreamSubscriptionObserver
{
    private readonly Dictionary<string, QueueSummary> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentSummary> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, long> _lastBatch = [];
    private readonly Dictionary<string, DateTimeOffset> _watchers = new(StringComparer.Ordinal);
    private readonly Guid _epoch = Guid.NewGuid();
    private long _seq;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // What happened before this activation (or while no feed was active) is only in the grains themselves.
        await RefreshAsync();
        this.RegisterGrainTimer(
            _ => RefreshAsync(), new GrainTimerCreationOptions(options.RefreshInterval, options.RefreshInterval) { KeepAlive = true });
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<SupervisionBatch>().ResumeAsync((batch, _) => OnBatchAsync(batch));

    public Task<SupervisorOverview> Watch(string userId)
    {
        _watchers[userId] = clock.GetUtcNow() + options.WatchLease;
        return GetOverview();
    }

    public Task<SupervisorOverview> GetOverview() => Task.FromResult(Overview(full: true, [.. _queues.Values], [.. _agents.Values]));

    private async Task OnBatchAsync(SupervisionBatch batch)
    {
        var gap = false;
        if (_lastBatch.TryGetValue(batch.PublisherId, out var last))
        {
            if (batch.Seq <= last)
                return; // delivered again
            gap = batch.Seq != last + 1;
        }
        _lastBatch[batch.PublisherId] = batch.Seq;
        var queues = batch.Queues.Where(q => !_queues.TryGetValue(q.Queue, out var known) || known.At <= q.At).ToArray();
        var agents = batch.Agents.Where(a => !_agents.TryGetValue(a.AgentId, out var known) || known.At <= a.At).ToArray();
        foreach (var queue in queues)
            _queues[queue.Queue] = queue;
        foreach (var agent in agents)
            _agents[agent.AgentId] = agent;
        await RememberAsync(queues.Select(q => q.Queue), agents.Select(a => a.AgentId));
        if (gap)
        {
            // A batch of this silo was lost: whatever it said is read from the grains again.
            LogGap(logger);
            await RefreshAsync();
        }
        else if (queues.Length > 0 || agents.Length > 0)
        {
            Push(Overview(full: false, queues, agents));
        }
    }

    /// <summary>
    /// Reads every known queue's summary and every agent's desk (agents known to be offline with nothing held are left
    /// as they are, so the feed does not keep their desks alive), replaces what it knew, and pushes the whole picture.
    /// </summary>
    private async Task RefreshAsync()
    {
        var queueReads = state.State.Queues.Select(async name =>
        {
            try
            {
                return await GrainFactory.GetGrain<IRoutingQueueGrain>(name).GetSummary();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReadFailed(logger, e);
                return null;
            }
        }).ToArray();
        var agentReads = state.State.Agents
            .Where(id => !_agents.TryGetValue(id, out var known) || known.Presence != AgentPresence.Offline || known.Load > 0)
            .Select(async id =>
            {
                try
                {
                    return AgentSummary.From(await GrainFactory.GetGrain<IAgentDeskGrain>(id).GetDesk(), clock.GetUtcNow());
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogReadFailed(logger, e);
                    return null;
                }
            }).ToArray();
        foreach (var queue in await Task.WhenAll(queueReads))
        {
            if (queue is not null)
                _queues[queue.Queue] = queue;
        }
        foreach (var agent in await Task.WhenAll(agentReads))
        {
            if (agent is not null)
                _agents[agent.AgentId] = agent;
        }
        Push(Overview(full: true, [.. _queues.Values], [.. _agents.Values]));
    }

    /// <summary>Stores the names of queues and agents heard of for the first time (rare: the set only grows).</summary>
    private async Task RememberAsync(IEnumerable<string> queues, IEnumerable<string> agents)
    {
        var added = false;
        foreach (var queue in queues)
            added |= state.State.Queues.Add(queue);
        foreach (var agent in agents)
            added |= state.State.Agents.Add(agent);
        if (!added)
            return;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Another activation wrote meanwhile: take its names, add ours, and try once more on the next new name.
            LogWriteFailed(logger, e);
            var mine = (Queues: state.State.Queues.ToArray(), Agents: state.State.Agents.ToArray());
            await state.ReadStateAsync();
            state.State.Queues.UnionWith(mine.Queues);
            state.State.Agents.UnionWith(mine.Agents);
        }
    }

    private SupervisorOverview Overview(bool full, IReadOnlyList<QueueSummary> queues, IReadOnlyList<AgentSummary> agents) =>
        new(_epoch, _seq, full, [.. queues.OrderBy(q => q.Queue, StringComparer.Ordinal)], [.. agents.OrderBy(a => a.AgentId, StringComparer.Ordinal)], clock.GetUtcNow());

    /// <summary>Numbers the change and pushes it to the supervisors whose lease runs (best effort: clients spot gaps).</summary>
    private void Push(SupervisorOverview unnumbered)
    {
        var overview = unnumbered with { Seq = ++_seq };
        var now = clock.GetUtcNow();
        foreach (var (userId, until) in _watchers.ToArray())
        {
            if (until < now)
                _watchers.Remove(userId);
        }
        if (_watchers.Count > 0)
            fanout.Enqueue(new ClientDelivery([.. _watchers.Keys], null, null, Overview: overview));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A supervision batch was lost; re-reading every snapshot")]
    private static partial void LogGap(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading a snapshot for the supervisor feed failed; the next refresh tries again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the supervisor feed's names failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
