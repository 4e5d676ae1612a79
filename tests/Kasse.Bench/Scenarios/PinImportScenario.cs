using System.Diagnostics;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Scenarios.PinImport;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Import;
using Kasse.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>pin-import</c>: the EinmalPIN bulk import of a generated print data stream of N rows, through the product's
/// importer (<see cref="PinCsvImport.RunAsync"/>: encoding detection, CsvHelper streaming, validation of every row,
/// binary COPY into staging and INSERT … ON CONFLICT into <c>pin_cases</c>), against a throwaway PostgreSQL with
/// durable settings; then, in the same run, the raw reference: binary COPY of the same cases, already parsed, into a
/// table like <c>pin_cases</c> (same indexes) in batches of the same size. Peak memory is sampled during the import.
/// </summary>
public static class PinImportScenario
{
    public const string Name = "pin-import";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var rows = options.Int("rows", 1_000_000, 1, 100_000_000);
        var batchSize = options.Int("batch", 10_000, 100, 1_000_000);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        var timeoutSeconds = options.Int("timeout-seconds", 3600, 1, 24 * 3600);
        options.EnsureAllRead();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var cancellationToken = timeout.Token;
        var file = Path.Combine(Path.GetTempPath(), $"kasse-pin-import-{Environment.ProcessId}.csv");
        try
        {
            var generating = Stopwatch.GetTimestamp();
            await PinImportRows.WriteFileAsync(file, rows, cancellationToken);
            var fileBytes = new FileInfo(file).Length;
            Console.Error.WriteLine($"{Name}: {rows:N0} rows, {fileBytes / (1024.0 * 1024.0):0.0} MiB written in {Stopwatch.GetElapsedTime(generating).TotalSeconds:0.0} s");

            await using var postgres = await PostgresDurability.StartAsync(Name, durable);
            var connectionString = await postgres.CreateDatabaseAsync("pinimport");
            // The import runs as the application role, as production does; the reference table is the owner's.
            await using var dataSource = Kasse.Grains.PostgresDataSource.Create(connectionString);
            await using var ownerDataSource = NpgsqlDataSource.Create(PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole));
            var settings = await PostgresDurability.SettingsAsync(connectionString);

            // Clean memory before the measured import, so the peak is the import's own.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var rssBefore = RssSampler.CurrentBytes();
            var import = await ImportAsync(file, dataSource, batchSize, cancellationToken);
            var stored = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM pin_cases", cancellationToken);
            Console.Error.WriteLine($"{Name}: import {stored:N0} cases in {import.Elapsed.TotalSeconds:0.00} s, peak RSS {import.PeakRssBytes / (1024.0 * 1024.0):0} MiB");

            var copy = await RawCopyAsync(ownerDataSource, rows, batchSize, cancellationToken);
            var copied = await ScalarAsync<long>(ownerDataSource, "SELECT count(*) FROM pin_cases_copy", cancellationToken);
            Console.Error.WriteLine($"{Name}: raw COPY {copied:N0} rows in {copy.Elapsed.TotalSeconds:0.00} s");

            var rowsPerSecond = rows / import.Elapsed.TotalSeconds;
            var copyRowsPerSecond = rows / copy.Elapsed.TotalSeconds;
            var result = new ScenarioResult(Name)
            {
                OpsPerSecond = rowsPerSecond,
                P50Milliseconds = import.Batches.PercentileMilliseconds(50),
                P99Milliseconds = import.Batches.PercentileMilliseconds(99),
                Errors = import.Rejected + import.Failures + copy.Failures,
                Lost = rows - stored,
            }
                .With("rows", (long)rows)
                .With("rows_per_s", rowsPerSecond)
                .With("copy_rows_per_s", copyRowsPerSecond)
                .With("ratio_to_copy", rowsPerSecond / copyRowsPerSecond)
                .With("peak_rss_mb", import.PeakRssBytes / (1024.0 * 1024.0))
                .With("rss_before_mb", rssBefore / (1024.0 * 1024.0))
                .With("import_s", import.Elapsed.TotalSeconds)
                .With("copy_s", copy.Elapsed.TotalSeconds)
                .With("imported", import.Imported)
                .With("rejected", import.Rejected)
                .With("copy_lost", rows - copied)
                .With("batch_size", batchSize)
                .With("batches", import.Batches.Count)
                .With("max_ms", import.Batches.MaxMilliseconds)
                .With("copy_p50_ms", copy.Batches.PercentileMilliseconds(50))
                .With("copy_p99_ms", copy.Batches.PercentileMilliseconds(99))
                .With("file_mb", fileBytes / (1024.0 * 1024.0))
                .With("table_mb", await ScalarAsync<long>(dataSource, "SELECT pg_total_relation_size('pin_cases')", cancellationToken) / (1024.0 * 1024.0))
                .With("encoding", import.Encoding);
            return result.WithDurability(settings);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<ImportRun> ImportAsync(string file, NpgsqlDataSource dataSource, int batchSize, CancellationToken cancellationToken)
    {
        var batches = new LatencyRecorder();
        var cases = new PostgresPinCaseStore(dataSource, TimeProvider.System);
        var errors = new PostgresPinImportErrorStore(dataSource);
        var started = Stopwatch.GetTimestamp();
        var batchStarted = started;
        var lastProgress = started;
        long failures = 0;
        PinImportProgress? progress = null;
        await using (var rss = RssSampler.Start(TimeSpan.FromMilliseconds(20)))
        {
            try
            {
                progress = await PinCsvImport.RunAsync(
                    ct => Task.FromResult<Stream>(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)),
                    cases,
                    errors,
                    Guid.NewGuid(),
                    new PinCsvImportOptions
                    {
                        BatchSize = batchSize,
                        BatchCommitted = (p, _) =>
                        {
                            // One batch: reading and validating its rows, the COPY and the insert, each committed.
                            batches.RecordSince(batchStarted);
                            batchStarted = Stopwatch.GetTimestamp();
                            if (Stopwatch.GetElapsedTime(lastProgress) >= TimeSpan.FromSeconds(2))
                            {
                                lastProgress = batchStarted;
                                Console.Error.WriteLine($"{Name}: {p.Counts.Rows,12:N0} rows, {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s, RSS {RssSampler.CurrentBytes() / (1024.0 * 1024.0):0} MiB");
                            }
                            return Task.CompletedTask;
                        },
                    },
                    cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                failures++;
                Console.Error.WriteLine($"{Name}: the import failed: {e.Message}");
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new ImportRun(elapsed, batches, rss.PeakBytes, progress?.Counts.Imported ?? 0, progress?.Counts.Rejected ?? 0, failures, progress?.Encoding ?? "");
        }
    }

    /// <summary>The reference: the same cases, parsed already, by binary COPY into a table with pin_cases' columns and indexes.</summary>
    private static async Task<CopyRun> RawCopyAsync(NpgsqlDataSource dataSource, int rows, int batchSize, CancellationToken cancellationToken)
    {
        await using (var create = dataSource.CreateCommand("CREATE TABLE pin_cases_copy (LIKE pin_cases INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"))
            await create.ExecuteNonQueryAsync(cancellationToken);
        var batches = new LatencyRecorder();
        long failures = 0;
        var importId = Guid.NewGuid();
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (long at = 0; at < rows; at += batchSize)
        {
            var count = (int)Math.Min(batchSize, rows - at);
            var before = Stopwatch.GetTimestamp();
            try
            {
                await using var importer = await connection.BeginBinaryImportAsync(
                    "COPY pin_cases_copy (case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, prefill_iban, prefill_steuer_id, import_id, imported_at) FROM STDIN (FORMAT BINARY)",
                    cancellationToken);
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < count; i++)
                {
                    var data = PinImportRows.Case(at + i);
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(data.CaseNumber, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync((short)data.CaseType, NpgsqlDbType.Smallint, cancellationToken);
                    await importer.WriteAsync(data.Kvnr, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(data.FirstName, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(data.LastName, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(data.BirthDate, NpgsqlDbType.Date, cancellationToken);
                    await importer.WriteAsync(data.Street, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(data.PostalCode, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(data.City, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(data.Deadline, NpgsqlDbType.Date, cancellationToken);
                    await WriteNullableAsync(importer, data.PrefillIban, cancellationToken);
                    await WriteNullableAsync(importer, data.PrefillSteuerId, cancellationToken);
                    await importer.WriteAsync(importId, NpgsqlDbType.Uuid, cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                await importer.CompleteAsync(cancellationToken);
                batches.RecordSince(before);
            }
            catch (NpgsqlException e)
            {
                failures++;
                Console.Error.WriteLine($"{Name}: raw COPY batch at {at} failed: {e.Message}");
            }
        }
        return new CopyRun(Stopwatch.GetElapsedTime(started), batches, failures);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record ImportRun(TimeSpan Elapsed, LatencyRecorder Batches, long PeakRssBytes, long Imported, long Rejected, long Failures, string Encoding);

    private sealed record CopyRun(TimeSpan Elapsed, LatencyRecorder Batches, long Failures);
}
