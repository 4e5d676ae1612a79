using System.Collections.Concurrent;
using System.Diagnostics;
using Kasse.Grains.Inbox;
using Kasse.Inbox;
using Kasse.Tests.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>routing</c>: N agents online (two of ten skills each, default capacity), items arriving at a fixed rate on the
/// embedded server, agents accepting every offer and wrapping it up after a short handling time. Reports creation →
/// offer latency, assignments per second, and — by replaying the stored history — double assignments, capacity
/// violations and items never done.
/// </summary>
public static class RoutingScenario
{
    public const string Name = "routing";
    private const int Skills = 10;

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var agents = options.Int("agents", 2500, 1, 100_000);
        var rate = options.Int("rate", 500, 1, 100_000);
        var seconds = options.Int("seconds", 20, 1, 3600);
        var handleMilliseconds = options.Int("handle-ms", 200, 0, 600_000);
        var drainSeconds = options.Int("drain-seconds", 60, 1, 3600);
        options.EnsureAllRead();

        await using var server = await InProcessServer.StartAsync();
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        await Parallel.ForEachAsync(Enumerable.Range(0, agents), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            await grains.GetGrain<IAgentDeskGrain>($"bench-agent-{i}").SetPresence(
                AgentPresence.Available, new AgentRoutingProfile(null, [$"s{i % Skills}", $"s{(i + 1) % Skills}"], AgentCapacity.Default)));
        await Console.Error.WriteLineAsync($"{agents} agents available");

        var createdAt = new ConcurrentDictionary<string, long>();
        var offerLatency = new LatencyRecorder();
        var errors = 0L;
        var done = 0L;
        using var stop = new CancellationTokenSource();
        var agentLoops = Enumerable.Range(0, agents).Select(i => Task.Run(() => AgentLoopAsync(
            grains.GetGrain<IAgentDeskGrain>($"bench-agent-{i}"), createdAt, offerLatency, handleMilliseconds, () => Interlocked.Increment(ref done),
            () => Interlocked.Increment(ref errors), stop.Token))).ToArray();

        // Open loop: items arrive at the rate whatever the system does, in ticks of 10 ms.
        var total = rate * seconds;
        var creations = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(10)))
        {
            while (sent < total && await ticker.WaitForNextTickAsync())
            {
                var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate));
                for (; sent < due; sent++)
                {
                    var i = sent;
                    var id = $"bench:{i}";
                    createdAt[id] = Stopwatch.GetTimestamp();
                    creations.Add(CreateAsync(grains, id, i, () => Interlocked.Increment(ref errors)));
                }
            }
        }
        await Task.WhenAll(creations);
        var arrivalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var drainDeadline = Stopwatch.GetTimestamp() + (long)(drainSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref done) < total && Stopwatch.GetTimestamp() < drainDeadline)
            await Task.Delay(100);
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

        return new ScenarioResult(Name)
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
            .With("items", total)
            .With("arrival_seconds", arrivalSeconds)
            .With("offer_p50_ms", offerLatency.PercentileMilliseconds(50))
            .With("offer_p99_ms", offerLatency.PercentileMilliseconds(99))
            .With("assigned_per_s", replay.Assignments.Count / elapsed)
            .With("double_assignments", doubles)
            .With("capacity_violations", capacityViolations)
            .With("other_violations", replay.Violations.Count - capacityViolations)
            .With("offers", replay.Offers);
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
        IAgentDeskGrain desk, ConcurrentDictionary<string, long> createdAt, LatencyRecorder offerLatency, int handleMilliseconds,
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
                    if (createdAt.TryGetValue(offer.ItemId, out var created))
                    {
                        lock (offerLatency)
                            offerLatency.RecordSince(created);
                    }
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
