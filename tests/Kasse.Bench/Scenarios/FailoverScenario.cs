using System.Diagnostics;
using Kasse.Bench.Clients;
using Kasse.Bench.Cluster;
using Kasse.Bench.Diagnostics;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>failover</c>: a 3-process cluster behind the load balancer under chat load; the silo that hosts the most
/// conversation grains is killed with SIGKILL. Per writer of each conversation it hosted (insured and agent), the time
/// from its last acknowledged write before the kill to its first acknowledged write after it (clients retry with the same ids, as the product's do):
/// <c>resume_p50_ms</c>, <c>resume_max_ms</c>. <c>lost</c>: acknowledged messages missing from the history afterwards.
/// </summary>
public static class FailoverScenario
{
    public const string Name = "failover";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var conversations = options.Int("conversations", 45, 3, 2000);
        var paceMs = options.Int("pace-ms", 200, 0, 10_000);
        var warmUpSeconds = options.Int("warmup", 10, 0, 600);
        var afterSeconds = options.Int("after-seconds", 12, 3, 600);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        // -1: as shipped (silo/appsettings.json); 0 turns the refused-port check off, to see what the probes alone do.
        var refusedCheckMs = options.Int("refused-check-ms", -1, -1, 60_000);
        options.EnsureAllRead();

        var settings = new Dictionary<string, string>();
        if (refusedCheckMs >= 0)
            settings["Orleans__RefusedSiloDetection__Interval"] = TimeSpan.FromMilliseconds(refusedCheckMs).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        await using var cluster = await ProcessCluster.StartAsync(Name, silos: 3, durable, settings);
        using var clients = new HubClients();
        var setup = Stopwatch.StartNew();
        await using var chat = await ClusterChat.OpenAsync(cluster, clients, conversations, "failover");
        var setupSeconds = setup.Elapsed.TotalSeconds;

        using var stop = new CancellationTokenSource();
        var start = Stopwatch.GetTimestamp();
        var load = chat.RunAsync(TimeSpan.FromMilliseconds(paceMs), start, long.MaxValue, stop.Token);
        Console.Error.WriteLine($"{Name}: load on {conversations} conversations, {warmUpSeconds} s before the kill");
        await Task.Delay(TimeSpan.FromSeconds(warmUpSeconds));

        // The victim: the silo with the most conversation grains (located through the admin API just before).
        var hosts = new Dictionary<Guid, int?>();
        foreach (var conversation in chat.Conversations)
            hosts[conversation.Id] = await cluster.SiloPortOfConversationAsync(conversation.Id);
        var victimPort = hosts.Values.Where(p => p is not null).GroupBy(p => p!.Value).MaxBy(g => g.Count())!.Key;
        var victim = cluster.Silos.Single(s => s.SiloPort == victimPort);
        var affected = chat.Conversations.Where(c => hosts[c.Id] == victimPort).ToArray();
        var killedAt = Stopwatch.GetTimestamp();
        victim.Kill();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(afterSeconds));
        var declaredDead = WaitForDeathAsync(cluster, victimPort, killedAt, deadline.Token);
        Console.Error.WriteLine($"{Name}: killed the silo of {affected.Length} of {conversations} conversations");

        await Task.Delay(TimeSpan.FromSeconds(afterSeconds));
        await stop.CancelAsync();
        await load;
        var declaredDeadMs = await declaredDead;
        var moved = 0;
        foreach (var conversation in affected)
            moved += await cluster.SiloPortOfConversationAsync(conversation.Id) is { } port && port != victimPort ? 1 : 0;

        // Per writer (each side of each conversation the victim hosted): a side whose write hangs is not resumed, even
        // while the other side's writes already pass.
        var resumes = new List<double>();
        var notResumed = 0;
        foreach (var side in affected.SelectMany(c => c.Sides))
        {
            var gap = GapAround(side.AckTimes(), killedAt);
            if (gap is null)
                notResumed++;
            else
                resumes.Add(gap.Value);
        }
        // Writers of conversations on the surviving silos: their longest pause around the kill (clients of the dead
        // gateway reconnect through the balancer).
        var othersPause = chat.Conversations.Except(affected).SelectMany(c => c.Sides)
            .Select(s => GapAround(s.AckTimes(), killedAt) ?? double.NaN).DefaultIfEmpty(0).Max();
        resumes.Sort();
        var (lost, duplicates) = await chat.CheckHistoryAsync(cluster.ConnectionString);

        return new ScenarioResult(Name)
        {
            OpsPerSecond = chat.Acked / Stopwatch.GetElapsedTime(start).TotalSeconds,
            P50Milliseconds = Percentile(resumes, 0.5),
            P99Milliseconds = Percentile(resumes, 0.99),
            Errors = chat.Errors + notResumed,
            Lost = lost,
        }
            .With("resume_p50_ms", Percentile(resumes, 0.5))
            .With("resume_max_ms", resumes.Count == 0 ? 0 : resumes[^1])
            .With("affected_conversations", affected.Length)
            .With("affected_writers", affected.Length * 2)
            .With("not_resumed", notResumed)
            .With("moved", moved)
            .With("declared_dead_ms", declaredDeadMs)
            .With("others_max_pause_ms", othersPause)
            .With("duplicates", duplicates)
            .With("acked", chat.Acked)
            .With("retries", chat.Retries)
            .With("conversations", conversations)
            .With("pace_ms", paceMs)
            .With("refused_check_ms", refusedCheckMs)
            .With("warmup_s", warmUpSeconds)
            .With("after_s", afterSeconds)
            .With("setup_s", setupSeconds)
            .WithDurability(cluster.DatabaseSettings);
    }

    /// <summary>Milliseconds from the kill until the membership lists the silo as Dead; -1 if not within the run.</summary>
    private static async Task<double> WaitForDeathAsync(ProcessCluster cluster, int siloPort, long killedAt, CancellationToken ct)
    {
        try
        {
            await cluster.WaitUntilDeclaredDeadAsync(siloPort, ct);
            return Stopwatch.GetElapsedTime(killedAt).TotalMilliseconds;
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }

    /// <summary>Milliseconds from the last ack at or before <paramref name="at"/> to the first after it; null if none after.</summary>
    private static double? GapAround(long[] times, long at)
    {
        var after = times.Where(t => t > at).ToArray();
        if (after.Length == 0)
            return null;
        var before = times.Where(t => t <= at).DefaultIfEmpty(at).Max();
        return Stopwatch.GetElapsedTime(before, after.Min()).TotalMilliseconds;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
