using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Clients;
using Kasse.Bench.Cluster;
using Kasse.Bench.Diagnostics;
using Npgsql;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>scale-out</c>: the same chat load through the load balancer against clusters of 1, 2, 3 … silo processes on this
/// machine, one after the other, each with a fresh PostgreSQL. Per silo count: delivered messages per second, delivery
/// p99, and what PostgreSQL did per message (commits, rows inserted). On a machine with fewer cores than silos this shows
/// what distribution costs (hops between silos, more processes on the same cores), not a speed-up.
/// </summary>
public static class ScaleOutScenario
{
    public const string Name = "scale-out";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var counts = options.Has("silos") ? ParseCounts(options.String("silos")) : [1, 2, 3];
        var conversations = options.Int("conversations", 100, 1, 5000);
        var paceMs = options.Int("pace-ms", 0, 0, 10_000);
        var warmUpSeconds = options.Int("warmup", 10, 0, 600);
        var seconds = options.Int("seconds", 10, 1, 3600);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        options.EnsureAllRead();

        var rows = new List<(int Silos, double DeliveredPerSecond, double P50, double P99, long Lost, long Errors, double CommitsPerMessage, double RowsPerMessage)>();
        IReadOnlyList<(string Name, object Value)> databaseSettings = [];
        foreach (var silos in counts)
        {
            await using var cluster = await ProcessCluster.StartAsync(Name, silos, durable);
            databaseSettings = cluster.DatabaseSettings;
            using var clients = new HubClients();
            await using var chat = await ClusterChat.OpenAsync(cluster, clients, conversations, $"scale{silos}");
            using var stop = new CancellationTokenSource();
            var measureStart = Stopwatch.GetTimestamp() + (long)(warmUpSeconds * (double)Stopwatch.Frequency);
            var measureEnd = measureStart + (long)(seconds * (double)Stopwatch.Frequency);
            var load = chat.RunAsync(TimeSpan.FromMilliseconds(paceMs), measureStart, measureEnd, stop.Token);
            Console.Error.WriteLine($"{Name}: {silos} silo(s), {conversations} conversations, {warmUpSeconds} s warm-up, {seconds} s measured");
            await Task.Delay(TimeSpan.FromSeconds(warmUpSeconds));
            var statsBefore = await DatabaseCountersAsync(cluster.ConnectionString);
            var ackedBefore = chat.Acked;
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var statsAfter = await DatabaseCountersAsync(cluster.ConnectionString);
            var ackedInWindow = chat.Acked - ackedBefore;
            await stop.CancelAsync();
            await load;
            var latency = chat.DeliveryLatency();
            var (lost, _) = await chat.CheckHistoryAsync(cluster.ConnectionString);
            rows.Add((silos, chat.DeliveredInWindow / (double)seconds, latency.PercentileMilliseconds(50), latency.PercentileMilliseconds(99),
                lost, chat.Errors,
                ackedInWindow == 0 ? 0 : (statsAfter.Commits - statsBefore.Commits) / (double)ackedInWindow,
                ackedInWindow == 0 ? 0 : (statsAfter.Inserted - statsBefore.Inserted) / (double)ackedInWindow));
            Console.Error.WriteLine($"{Name}: {silos} silo(s): {rows[^1].DeliveredPerSecond:F0} delivered/s, p99 {rows[^1].P99:F1} ms, lost {lost}");
        }

        var first = rows[0];
        var result = new ScenarioResult(Name)
        {
            OpsPerSecond = rows[^1].DeliveredPerSecond,
            P50Milliseconds = rows[^1].P50,
            P99Milliseconds = rows[^1].P99,
            Errors = rows.Sum(r => r.Errors),
            Lost = rows.Sum(r => r.Lost),
        };
        foreach (var row in rows)
        {
            var prefix = $"silos_{row.Silos.ToString(CultureInfo.InvariantCulture)}_";
            result.With(prefix + "delivered_per_s", row.DeliveredPerSecond)
                .With(prefix + "p50_ms", row.P50)
                .With(prefix + "p99_ms", row.P99)
                .With(prefix + "ratio_to_1", first.DeliveredPerSecond == 0 ? 0 : row.DeliveredPerSecond / first.DeliveredPerSecond)
                .With(prefix + "delivered_per_s_per_silo", row.DeliveredPerSecond / row.Silos)
                .With(prefix + "connections_per_silo", 2.0 * conversations / row.Silos)
                .With(prefix + "pg_commits_per_msg", row.CommitsPerMessage)
                .With(prefix + "pg_rows_per_msg", row.RowsPerMessage)
                .With(prefix + "lost", row.Lost);
        }
        return result
            .With("silos", string.Join(',', counts))
            .With("conversations", conversations)
            .With("connections", 2 * conversations)
            .With("pace_ms", paceMs)
            .With("warmup_s", warmUpSeconds)
            .With("seconds", seconds)
            .WithDurability(databaseSettings);
    }

    private static int[] ParseCounts(string text)
    {
        var counts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8
                ? n
                : throw new BenchUsageException($"--silos takes silo counts from 1 to 8, separated by commas; got '{text}'"))
            .ToArray();
        return counts.Length > 0 ? counts : throw new BenchUsageException("--silos needs at least one count");
    }

    /// <summary>Committed transactions and inserted rows of the cluster's database so far (pg_stat_database).</summary>
    private static async Task<(long Commits, long Inserted)> DatabaseCountersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The statistics are flushed by each backend at most once a second; a fresh snapshot is taken per query.
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit, tup_inserted FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
