using System.Collections.Concurrent;
using System.Diagnostics;
using Kasse.Bench.Diagnostics;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Customers;
using Kasse.Diagnostics;
using Kasse.Grains.Campaigns.Dwh;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>nba</c>: real-time banner decisions through the product path against the embedded host: the engine's grain, the
/// customer grain's facts and contact policy (ReserveContact), the rules of the demo catalogue, Thompson sampling, the
/// decision log; each decision's banner is then reported as shown (Impression), so the policy's "hide a banner for 10
/// days after 3 impressions" bites. Baseline: a raw grain call (<see cref="IPingGrain"/>) with the same callers.
/// <c>policy_violations</c>: banner decisions of an offer for a person that started after that offer's third
/// impression for that person had been recorded (the policy hides it then; must be 0). Decisions that overlapped the
/// third impression (two callers on one person) are allowed by the policy and not counted.
/// <c>cpu_ms_per_decision</c>, <c>alloc_kb_per_decision</c>: the process's CPU time and allocated bytes over the
/// decision phase (warm-up included) divided by its decisions (each with its Impression report): comparable between
/// runs on a busy machine, where throughput and latency are not.
/// </summary>
public static class NbaScenario
{
    public const string Name = "nba";
    private const int SuppressAfterImpressions = 3;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var seconds = options.Int("seconds", 20, 1, 3600);
        var callers = options.Int("callers", 64, 1, 10_000);
        var customers = options.Int("customers", 20_000, 1, 5_000_000);
        var allocationTypes = options.Int("alloc-types", 0, 0, 100);
        options.EnsureAllRead();

        await using var server = await InProcessServer.StartAsync();
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var keys = await SeedAsync(server.Services, customers);
        var nba = grains.GetGrain<INbaGrain>(0);
        var shown = new ConcurrentDictionary<(string Customer, string Offer), List<(long DecidedFrom, long ShownAt)>>();

        // CPU time and allocation per decision (over warm-up and measurement): unlike throughput and latency they hardly
        // depend on what else runs on the machine, so a change can be judged on a busy one.
        long iterations = 0;
        using var sampler = allocationTypes > 0 ? new AllocationSampler() : null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var decidingFrom = Stopwatch.GetTimestamp();
        var decisions = await ClosedLoopRunner.RunAsync(
            Name, callers, WarmUp, TimeSpan.FromSeconds(seconds),
            async (worker, iteration, _) =>
            {
                var key = keys[(int)((worker + iteration * callers) % keys.Length)];
                var decidedFrom = Stopwatch.GetTimestamp();
                var decision = await nba.Decide(new NbaRequest(Guid.NewGuid(), key, ContactChannel.Banner, ContactSource.Banner, "bench", 1));
                foreach (var offer in decision.Offers)
                {
                    await nba.ReportOutcome(key, new NbaOutcome("shown", decision.DecisionId, offer.OfferId, ContactOutcome.Impression));
                    var list = shown.GetOrAdd((key, offer.OfferId), _ => []);
                    lock (list)
                        list.Add((decidedFrom, Stopwatch.GetTimestamp()));
                }
                Interlocked.Increment(ref iterations);
                return true;
            });
        var cpuPerDecision = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, iterations);
        var allocatedPerDecision = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1024.0 / Math.Max(1, iterations);
        var gcShare = (GC.GetTotalPauseDuration() - gcPauseBefore) / Stopwatch.GetElapsedTime(decidingFrom);
        if (sampler is not null)
            Console.Error.WriteLine($"{Name}: allocations by type (sampled)\n{sampler.Report(allocationTypes)}");

        var baseline = await ClosedLoopRunner.RunAsync(
            "grain-call", callers, WarmUp, TimeSpan.FromSeconds(Math.Min(seconds, 5)),
            async (worker, iteration, _) => await grains.GetGrain<IPingGrain>(worker).Ping(iteration) == iteration);

        var violations = shown.Values.Sum(Violations);

        return decisions.ToResult(Name, r => r
            .With("decisions_per_s", Math.Round(decisions.OpsPerSecond))
            .With("p99_ms", decisions.Latency.PercentileMilliseconds(99))
            .With("policy_violations", violations)
            .With("cpu_ms_per_decision", Math.Round(cpuPerDecision, 3))
            .With("alloc_kb_per_decision", Math.Round(allocatedPerDecision, 2))
            .With("gc_pause_percent", Math.Round(100 * gcShare, 1))
            .With("offers_shown", shown.Values.Sum(l => l.Count))
            .With("baseline_grain_calls_per_s", Math.Round(baseline.OpsPerSecond))
            .With("baseline_p99_ms", baseline.Latency.PercentileMilliseconds(99))
            .With("customers", customers)
            .With("callers", callers)
            .With("seconds", seconds));
    }

    /// <summary>Decisions of one offer for one person that started after its third impression was recorded.</summary>
    private static int Violations(List<(long DecidedFrom, long ShownAt)> shows)
    {
        if (shows.Count <= SuppressAfterImpressions)
            return 0;
        var thirdShownAt = shows.Select(s => s.ShownAt).Order().ElementAt(SuppressAfterImpressions - 1);
        return shows.Count(s => s.DecidedFrom > thirdShownAt);
    }

    /// <summary>Generated master data (as the data-warehouse import would load it), varied so every offer's rules matter.</summary>
    private static async Task<string[]> SeedAsync(IServiceProvider services, int count)
    {
        var pseudonyms = services.GetRequiredService<CustomerPseudonyms>();
        var store = services.GetRequiredService<ICustomerMasterStore>();
        var random = new Random(13);
        string?[] tariffs = [null, null, "Krankengeld", "Selbstbehalt", "Zahnzusatz"];
        var keys = new string[count];
        var batch = new List<CustomerMasterRecord>(10_000);
        for (var i = 0; i < count; i++)
        {
            var kvnr = $"B{i:D9}";
            keys[i] = pseudonyms.KeyOf(kvnr);
            batch.Add(new CustomerMasterRecord(keys[i], kvnr, "Bench", "Kunde", new DateOnly(1950 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)),
                "Weg 1", $"{random.Next(10_000, 99_999)}", "Ort", "+49 30 1234567", $"b{i}@example.org",
                (PreferredChannel)random.Next(5), random.Next(10) < 8, random.Next(2) == 0, tariffs[random.Next(tariffs.Length)]));
            if (batch.Count == batch.Capacity)
            {
                await store.UpsertAsync(batch, Guid.NewGuid());
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            await store.UpsertAsync(batch, Guid.NewGuid());
        return keys;
    }
}
