using System.Collections.Concurrent;
using System.Diagnostics;
using Kasse.Bench.Diagnostics;
using Kasse.Diagnostics;
using Kasse.Grains.Inbox;
using Kasse.Inbox;
using Kasse.Tests.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>routing</c>: N agents online (two of ten skills each, default capacity), items arriving at a fixed rate on the
/// embedded server, agents accepting every offer and wrapping it up after a short handling time. Reports creation →
/// offer latency (of the items after a warm-up at the same rate; the warm-up's own figures separately: a cold silo
/// still compiles and activates for its first seconds), assignments per second, and — by replaying the stored history — double assignments, capacity
/// violations and items never done. Then, in the same server, the bare-library baseline: closed loops of a raw grain call
/// chain of the same depth (item → queue → agent, <see cref="IRelayGrain"/>) without the product's logic, for
/// <c>baseline_per_s</c> and <c>ratio_to_baseline</c>.
/// </summary>
public static class RoutingScenario
{
    public const string Name = "routing";
    private const int Skills = 10;
    private const int BaselineCallers = 64;

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var agents = options.Int("agents", 2500, 1, 100_000);
        var rate = options.Int("rate", 500, 1, 100_000);
        var seconds = options.Int("seconds", 20, 1, 3600);
        var warmupSeconds = options.Int("warmup-seconds", 10, 0, 3600);
        var handleMilliseconds = options.Int("handle-ms", 200, 0, 600_000);
        var drainSeconds = options.Int("drain-seconds", 60, 1, 3600);
        var baselineSeconds = options.Int("baseline-seconds", 5, 0, 3600);
        options.EnsureAllRead();

        var calls = new GrainCallCounter();
        await using var server = await InProcessServer.StartAsync(configure: b => b.Services.AddSingleton<IIncomingGrainCallFilter>(calls));
        var lagProbe = ThreadPoolLagProbe.Start();
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        await Parallel.ForEachAsync(Enumerable.Range(0, agents), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            await grains.GetGrain<IAgentDeskGrain>($"bench-agent-{i}").SetPresence(
                AgentPresence.Available, new AgentRoutingProfile(null, [$"s{i % Skills}", $"s{(i + 1) % Skills}"], AgentCapacity.Default)));
        await Console.Error.WriteLineAsync($"{agents} agents available");

        var createdAt = new ConcurrentDictionary<string, (long At, bool WarmUp)>();
        var offerLatency = new LatencyRecorder();
        var warmupLatency = new LatencyRecorder();
        void Offered(string itemId)
        {
            if (!createdAt.TryGetValue(itemId, out var created))
                return;
            lock (offerLatency)
                (created.WarmUp ? warmupLatency : offerLatency).RecordSince(created.At);
        }
        var errors = 0L;
        var warmupItems = rate * warmupSeconds;
        var total = warmupItems + rate * seconds;
        var done = 0L;
        // Completed when the last item is wrapped up, so the drain below waits on it instead of polling the count.
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Done()
        {
            if (Interlocked.Increment(ref done) >= total)
                allDone.TrySetResult();
        }
        using var stop = new CancellationTokenSource();
        var agentLoops = Enumerable.Range(0, agents).Select(i => Task.Run(() => AgentLoopAsync(
            grains.GetGrain<IAgentDeskGrain>($"bench-agent-{i}"), Offered, handleMilliseconds, Done,
            () => Interlocked.Increment(ref errors), stop.Token))).ToArray();

        // Open loop: items arrive at the rate whatever the system does, in ticks of 10 ms.
        var creations = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        RuntimeWindow? measured = null;
        var callsAtMeasureStart = calls.Snapshot();
        var callTotalAtMeasureStart = 0L;
        using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(10)))
        {
            while (sent < total && await ticker.WaitForNextTickAsync())
            {
                var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate));
                if (measured is null && due > warmupItems)
                {
                    // The measured period begins: from here the runtime's and the grains' work is counted apart.
                    measured = RuntimeWindow.Start();
                    lagProbe.Reset();
                    callsAtMeasureStart = calls.Snapshot();
                    callTotalAtMeasureStart = calls.Total;
                }
                for (; sent < due; sent++)
                {
                    var i = sent;
                    var id = $"bench:{i}";
                    createdAt[id] = (Stopwatch.GetTimestamp(), i < warmupItems);
                    creations.Add(CreateAsync(grains, id, i, () => Interlocked.Increment(ref errors)));
                }
            }
        }
        await Task.WhenAll(creations);
        var arrivalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        measured?.Stop();
        await lagProbe.DisposeAsync();
        var measuredCalls = calls.Total - callTotalAtMeasureStart;
        var topCalls = calls.Top(callsAtMeasureStart, 12);
        await Task.WhenAny(allDone.Task, Task.Delay(TimeSpan.FromSeconds(drainSeconds)));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(agentLoops);

        var history = server.Services.GetRequiredService<IWorkItemHistory>();
        var events = new List<WorkItemEvent>();
        for (IReadOnlyList<WorkItemEvent> page; (page = await history.ReadAllAsync(events.Count == 0 ? 0 : events[^1].Position, 50_000)).Count > 0;)
            events.AddRange(page);
        var replay = HistoryReplay.Of(events);
        var doubles = replay.Assignments.Values.Count(n => n > 1);
        var capacityViolations = replay.Violations.Count(v => v.Contains("over budget", StringComparison.Ordinal));
        var lost = total - replay.Completions.Count;
        var baseline = baselineSeconds > 0 ? await RunBaselineAsync(grains, agents, total, baselineSeconds) : null;
        var assignedPerSecond = replay.Assignments.Count / elapsed;

        var result = new ScenarioResult(Name)
        {
            OpsPerSecond = replay.Assignments.Count / elapsed,
            P50Milliseconds = offerLatency.PercentileMilliseconds(50),
            P99Milliseconds = offerLatency.PercentileMilliseconds(99),
            Errors = errors,
            Lost = lost,
        }
            .With("agents", agents)
            .With("rate", rate)
            .With("seconds", seconds)
            .With("warmup_seconds", warmupSeconds)
            .With("items", total)
            .With("arrival_seconds", arrivalSeconds)
            .With("offer_p50_ms", offerLatency.PercentileMilliseconds(50))
            .With("offer_p99_ms", offerLatency.PercentileMilliseconds(99))
            .With("offer_max_ms", offerLatency.MaxMilliseconds)
            .With("warmup_offer_p50_ms", warmupLatency.PercentileMilliseconds(50))
            .With("warmup_offer_p99_ms", warmupLatency.PercentileMilliseconds(99))
            .With("assigned_per_s", assignedPerSecond)
            .With("double_assignments", doubles)
            .With("capacity_violations", capacityViolations)
            .With("other_violations", replay.Violations.Count - capacityViolations)
            .With("offers", replay.Offers)
            .With("measured_grain_calls_per_item", (double)measuredCalls / Math.Max(1, total - warmupItems))
            .With("measured_grain_calls", topCalls);
        measured?.AddTo(result, "measured");
        lagProbe.AddTo(result, "measured_threadpool");
        return baseline is null ? result : result
            .With("baseline_per_s", baseline.OpsPerSecond)
            .With("baseline_p50_ms", baseline.Latency.PercentileMilliseconds(50))
            .With("baseline_p99_ms", baseline.Latency.PercentileMilliseconds(99))
            .With("ratio_to_baseline", baseline.OpsPerSecond > 0 ? assignedPerSecond / baseline.OpsPerSecond : 0);
    }

    /// <summary>
    /// Closed loops through item → queue → agent grains that only pass the call on: what the bare library does for a
    /// chain of this depth on the same server, right after the scenario, under the same conditions (as many item grains
    /// as the scenario created, each activated on its first call).
    /// </summary>
    private static async Task<LoopResult> RunBaselineAsync(IGrainFactory grains, int agents, int items, int seconds)
    {
        var result = await ClosedLoopRunner.RunAsync(
            Name + " baseline", BaselineCallers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds),
            async (worker, iteration, _) =>
            {
                var i = worker + iteration * BaselineCallers;
                string[] path = [$"baseline-queue:{i % Skills}", $"baseline-agent:{i % agents}"];
                return await grains.GetGrain<IRelayGrain>($"baseline-item:{i % items}").Relay(i, path, 0) == i;
            });
        await Console.Error.WriteLineAsync($"{Name}: baseline {result.OpsPerSecond:0} chains/s with {BaselineCallers} callers");
        return result;
    }

    private static async Task CreateAsync(IGrainFactory grains, string id, int i, Action error)
    {
        try
        {
            await grains.GetGrain<IWorkItemGrain>(id).Create(new NewWorkItem(
                i % 3 == 0 ? WorkChannel.Chat : WorkChannel.Email, null, "Bench", [$"s{i % Skills}"], Priority: 1 + (i % 3)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error();
        }
    }

    private static async Task AgentLoopAsync(
        IAgentDeskGrain desk, Action<string> offered, int handleMilliseconds,
        Action completed, Action error, CancellationToken stop)
    {
        var known = -1L;
        var seen = new HashSet<Guid>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var view = await desk.WaitForChange(known, TimeSpan.FromSeconds(2));
                known = view.Version;
                foreach (var offer in view.Offers.Where(o => seen.Add(o.OfferId)))
                {
                    offered(offer.ItemId);
                    _ = HandleAsync(desk, offer, handleMilliseconds, completed, error);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException && !stop.IsCancellationRequested)
            {
                error();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task HandleAsync(IAgentDeskGrain desk, AgentOffer offer, int handleMilliseconds, Action completed, Action error)
    {
        try
        {
            await desk.Accept(offer.OfferId);
            await Task.Delay(handleMilliseconds);
            await desk.Complete(offer.ItemId);
            completed();
        }
        catch (InboxException e) when (e.Code == InboxErrors.OfferGone)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error();
        }
    }
}
