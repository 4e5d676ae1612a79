using System.Diagnostics;
using Kasse.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>pg-copy</c>: binary COPY of N small rows (bigint, timestamptz, ~40-character text) into an unindexed table of
/// a throwaway PostgreSQL (fsync off, as in the tests), one COPY per batch on one connection. The bulk-write ceiling
/// that storage-backed scenarios are compared against.
/// </summary>
public static class PgCopyScenario
{
    public const string Name = "pg-copy";
    private const int NoteVariants = 64;

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var rows = options.Int("rows", 1_000_000, 1, 500_000_000);
        var batchSize = options.Int("batch", 10_000, 1, 10_000_000);
        var timeoutSeconds = options.Int("timeout-seconds", 600, 1, 24 * 3600);
        options.EnsureAllRead();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var cancellationToken = timeout.Token;
        Console.Error.WriteLine($"{Name}: starting a throwaway PostgreSQL");
        await using var postgres = await PostgresServer.StartAsync();
        // Its own table, so the schema owner's connection: the raw library, no product schema.
        var connectionString = await postgres.CreateEmptyDatabaseAsync("bench");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        Console.Error.WriteLine($"{Name}: PostgreSQL {connection.PostgreSqlVersion} on port {postgres.Port}");
        await ExecuteAsync(connection, "CREATE TABLE bench_rows (id bigint NOT NULL, created_at timestamptz NOT NULL, note text NOT NULL)", cancellationToken);

        // A small pool of ~40-character texts keeps the generator from allocating a string per row.
        var notes = Enumerable.Range(0, NoteVariants)
            .Select(i => $"Beitragsbescheid {i:D2} zugestellt, Vorgang ok".PadRight(40, '.')[..40])
            .ToArray();
        var baseTime = DateTime.UtcNow;

        var latency = new LatencyRecorder();
        long written = 0, errors = 0, batches = 0;
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        while (written < rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(batchSize, rows - written);
            var before = Stopwatch.GetTimestamp();
            try
            {
                await using (var importer = await connection.BeginBinaryImportAsync(
                    "COPY bench_rows (id, created_at, note) FROM STDIN (FORMAT BINARY)", cancellationToken))
                {
                    for (var i = 0; i < count; i++)
                    {
                        var id = written + i;
                        await importer.StartRowAsync(cancellationToken);
                        await importer.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                        await importer.WriteAsync(baseTime.AddTicks(id * 10), NpgsqlDbType.TimestampTz, cancellationToken);
                        await importer.WriteAsync(notes[id % NoteVariants], NpgsqlDbType.Text, cancellationToken);
                    }
                    await importer.CompleteAsync(cancellationToken);
                }
                latency.RecordSince(before);
            }
            catch (NpgsqlException e)
            {
                errors++;
                Console.Error.WriteLine($"{Name}: batch {batches} failed: {e.Message}");
            }
            written += count;
            batches++;
            if (Stopwatch.GetElapsedTime(lastProgress) >= TimeSpan.FromSeconds(1))
            {
                lastProgress = Stopwatch.GetTimestamp();
                Console.Error.WriteLine($"{Name}: {written,12:N0} / {rows:N0} rows, {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s");
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started);

        var stored = await ScalarAsync<long>(connection, "SELECT count(*) FROM bench_rows", cancellationToken);
        var tableBytes = await ScalarAsync<long>(connection, "SELECT pg_total_relation_size('bench_rows')", cancellationToken);
        Console.Error.WriteLine($"{Name}: {stored:N0} rows stored in {elapsed.TotalSeconds:0.00} s");

        return new ScenarioResult(Name)
        {
            OpsPerSecond = rows / elapsed.TotalSeconds,
            P50Milliseconds = latency.PercentileMilliseconds(50),
            P99Milliseconds = latency.PercentileMilliseconds(99),
            Errors = errors,
            Lost = rows - stored,
        }
            .With("rows", (long)rows)
            .With("batch_size", batchSize)
            .With("batches", batches)
            .With("seconds", elapsed.TotalSeconds)
            .With("max_ms", latency.MaxMilliseconds)
            .With("mean_ms", latency.MeanMilliseconds)
            .With("table_mb", tableBytes / (1024.0 * 1024.0))
            .With("postgres", connection.PostgreSqlVersion.ToString());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
