using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Scenarios.DwhImport;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>dwh-import</c>: the nightly customer import of a generated extract of N rows, through the product's importer
/// (<see cref="DwhCsvImport.RunAsync"/>: encoding detection, CsvHelper streaming, validation, pseudonym and row hash per
/// row, rows sorted by key and sent by binary COPY: into the empty <c>customer_master</c> directly, as a first load
/// goes, or with <c>--first-load-copy 0</c> into staging and the row-hash upsert, as every later import goes) against a
/// throwaway PostgreSQL with durable settings; then the same file again (every row unchanged: the upsert path, no
/// writes); then, in the same run, the raw
/// reference: binary COPY of the same rows, already parsed, into a table like <c>customer_master</c> (same index) in
/// batches of the same size. Peak memory is sampled during the first import.
/// </summary>
/// <remarks>
/// The headline reference's keys ascend (<c>c-</c> and the row number in hex), so its index only appends on the right.
/// A second reference (<c>--random-keys 1</c>, the default) copies the same rows with keys spread like the pseudonyms,
/// to tell what random keys cost PostgreSQL from what the import adds; it is reported beside the headline, never
/// instead of it. WAL bytes per row come from the server's WAL position before and after each phase.
/// </remarks>
public static class DwhImportScenario
{
    public const string Name = "dwh-import";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var rows = options.Int("rows", 5_700_000, 1, 100_000_000);
        var batchSize = options.Int("batch", 10_000, 100, 1_000_000);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        var timeoutSeconds = options.Int("timeout-seconds", 3600, 1, 24 * 3600);
        var gcCauses = options.Int("gc-causes", 0, 0, 1) == 1;
        var randomKeys = options.Int("random-keys", 1, 0, 1) == 1;
        var firstLoadCopy = options.Int("first-load-copy", 1, 0, 1) == 1;
        options.EnsureAllRead();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var cancellationToken = timeout.Token;
        var file = Path.Combine(Path.GetTempPath(), $"kasse-dwh-import-{Environment.ProcessId}.csv");
        try
        {
            var generating = Stopwatch.GetTimestamp();
            await DwhImportRows.WriteFileAsync(file, rows, cancellationToken);
            var fileBytes = new FileInfo(file).Length;
            Console.Error.WriteLine($"{Name}: {rows:N0} rows, {fileBytes / (1024.0 * 1024.0):0.0} MiB written in {Stopwatch.GetElapsedTime(generating).TotalSeconds:0.0} s");

            Console.Error.WriteLine($"{Name}: starting a throwaway PostgreSQL ({(durable ? "fsync, synchronous_commit, full_page_writes on" : "the tests' fast settings, not durable")})");
            await using var postgres = durable ? await PostgresServer.StartDurableAsync() : await PostgresServer.StartAsync();
            var connectionString = await postgres.CreateDatabaseAsync("dwhimport");
            // The import runs as the application role, as production does; the reference table is the owner's.
            await using var dataSource = Kasse.Grains.PostgresDataSource.Create(connectionString);
            await using var ownerDataSource = NpgsqlDataSource.Create(PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole));

            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var rssBefore = RssSampler.CurrentBytes();
            var postmaster = PostgresServer.PostmasterProcessId(postgres.DataDir);
            // CPU per row, of this process (reading, checking, hashing, sending) and of PostgreSQL: on a shared
            // machine the rate moves with the load, the CPU a row costs much less.
            var importCpu = CpuWindow.Start(postmaster);
            var importWal = await WalPositionAsync(ownerDataSource, cancellationToken);
            using var causes = gcCauses ? new GcCauses() : null;
            var first = await ImportAsync(file, dataSource, batchSize, firstLoadCopy, "first", cancellationToken);
            causes?.Stop();
            var (importOwnCpu, importPgCpu) = importCpu.CpuSeconds;
            importWal = await WalPositionAsync(ownerDataSource, cancellationToken) - importWal;
            var stored = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM customer_master", cancellationToken);
            Console.Error.WriteLine($"{Name}: first import {stored:N0} customers in {first.Elapsed.TotalSeconds:0.00} s, peak RSS {first.PeakRssBytes / (1024.0 * 1024.0):0} MiB");
            var reimportCpu = CpuWindow.Start(postmaster);
            var second = await ImportAsync(file, dataSource, batchSize, firstLoadCopy, "again", cancellationToken);
            var (reimportOwnCpu, reimportPgCpu) = reimportCpu.CpuSeconds;
            Console.Error.WriteLine($"{Name}: second import ({second.Counts.Unchanged:N0} unchanged) in {second.Elapsed.TotalSeconds:0.00} s");

            var copy = await RawCopyAsync(ownerDataSource, postmaster, "customer_master_copy", rows, batchSize, AscendingKey, cancellationToken);
            var copied = await ScalarAsync<long>(ownerDataSource, "SELECT count(*) FROM customer_master_copy", cancellationToken);
            Console.Error.WriteLine($"{Name}: raw COPY {copied:N0} rows in {copy.Elapsed.TotalSeconds:0.00} s");
            var randomCopy = randomKeys
                ? await RawCopyAsync(ownerDataSource, postmaster, "customer_master_copy_random", rows, batchSize, RandomKey, cancellationToken)
                : null;
            if (randomCopy is not null)
                Console.Error.WriteLine($"{Name}: raw COPY with random keys in {randomCopy.Elapsed.TotalSeconds:0.00} s");

            var rowsPerSecond = rows / first.Elapsed.TotalSeconds;
            var copyRowsPerSecond = rows / copy.Elapsed.TotalSeconds;
            var result = new ScenarioResult(Name)
            {
                OpsPerSecond = rowsPerSecond,
                P50Milliseconds = first.Batches.PercentileMilliseconds(50),
                P99Milliseconds = first.Batches.PercentileMilliseconds(99),
                Errors = first.Counts.Rejected + first.Failures + second.Failures + copy.Failures + (randomCopy?.Failures ?? 0),
                Lost = rows - stored,
            }
                .With("rows", (long)rows)
                .With("rows_per_s", rowsPerSecond)
                .With("pg_copy_rows_per_s", copyRowsPerSecond)
                .With("ratio_to_copy", rowsPerSecond / copyRowsPerSecond)
                .With("unchanged_rows_per_s", rows / second.Elapsed.TotalSeconds)
                .With("peak_rss_mb", Math.Max(first.PeakRssBytes, second.PeakRssBytes) / (1024.0 * 1024.0))
                .With("rss_before_mb", rssBefore / (1024.0 * 1024.0))
                .With("import_s", first.Elapsed.TotalSeconds)
                .With("reimport_s", second.Elapsed.TotalSeconds)
                .With("copy_s", copy.Elapsed.TotalSeconds)
                .With("inserted", first.Counts.Inserted)
                .With("reimport_unchanged", second.Counts.Unchanged)
                .With("reimport_written", second.Counts.Inserted + second.Counts.Updated)
                .With("rejected", first.Counts.Rejected)
                .With("copy_lost", rows - copied)
                .With("batch_size", batchSize)
                .With("batches", first.Batches.Count)
                .With("max_ms", first.Batches.MaxMilliseconds)
                .With("file_mb", fileBytes / (1024.0 * 1024.0))
                .With("table_mb", await ScalarAsync<long>(dataSource, "SELECT pg_total_relation_size('customer_master')", cancellationToken) / (1024.0 * 1024.0))
                .With("pg_durable", durable ? "on" : "off")
                .With("import_cpu_us_per_row", 1e6 * importOwnCpu / rows)
                .With("import_pg_cpu_us_per_row", 1e6 * importPgCpu / rows)
                .With("copy_cpu_us_per_row", 1e6 * copy.OwnCpuSeconds / rows)
                .With("copy_pg_cpu_us_per_row", 1e6 * copy.PostgresCpuSeconds / rows)
                .With("first_load_copy", firstLoadCopy ? 1 : 0)
                .With("reimport_cpu_us_per_row", 1e6 * reimportOwnCpu / rows)
                .With("reimport_pg_cpu_us_per_row", 1e6 * reimportPgCpu / rows)
                .With("import_wal_bytes_per_row", (double)importWal / rows)
                .With("copy_wal_bytes_per_row", (double)copy.WalBytes / rows)
                .With("pg_shared_buffers", await ScalarAsync<string>(ownerDataSource, "SELECT current_setting('shared_buffers')", cancellationToken))
                .With("pg_max_wal_size", await ScalarAsync<string>(ownerDataSource, "SELECT current_setting('max_wal_size')", cancellationToken));
            if (randomCopy is not null)
            {
                result = result
                    .With("pg_copy_random_keys_rows_per_s", rows / randomCopy.Elapsed.TotalSeconds)
                    .With("ratio_to_copy_random_keys", rowsPerSecond * randomCopy.Elapsed.TotalSeconds / rows)
                    .With("copy_random_keys_pg_cpu_us_per_row", 1e6 * randomCopy.PostgresCpuSeconds / rows)
                    .With("copy_random_keys_wal_bytes_per_row", (double)randomCopy.WalBytes / rows);
            }
            return causes?.AddTo(result) ?? result;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<ImportRun> ImportAsync(
        string file, NpgsqlDataSource dataSource, int batchSize, bool firstLoadCopy, string label, CancellationToken cancellationToken)
    {
        var batches = new LatencyRecorder();
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var rejections = new PostgresDwhRejectionStore(dataSource);
        var started = Stopwatch.GetTimestamp();
        var batchStarted = started;
        var lastProgress = started;
        long failures = 0;
        DwhCsvProgress? progress = null;
        await using var rss = RssSampler.Start(TimeSpan.FromMilliseconds(20));
        try
        {
            progress = await DwhCsvImport.RunAsync(
                _ => Task.FromResult<Stream>(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)),
                store,
                rejections,
                CustomerPseudonyms.ForDevelopment(),
                Guid.NewGuid(),
                DateOnly.FromDateTime(DateTime.UtcNow),
                new DwhImportOptions
                {
                    BatchSize = batchSize,
                    FirstLoadWithoutLookup = firstLoadCopy,
                    BatchCommitted = (counts, _) =>
                    {
                        // One batch: reading and validating its rows, the COPY and the upsert, committed.
                        batches.RecordSince(batchStarted);
                        batchStarted = Stopwatch.GetTimestamp();
                        if (Stopwatch.GetElapsedTime(lastProgress) >= TimeSpan.FromSeconds(2))
                        {
                            lastProgress = batchStarted;
                            Console.Error.WriteLine($"{Name} ({label}): {counts.Rows,12:N0} rows, {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s, RSS {RssSampler.CurrentBytes() / (1024.0 * 1024.0):0} MiB");
                        }
                        return Task.CompletedTask;
                    },
                },
                cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            failures++;
            Console.Error.WriteLine($"{Name}: the import failed: {e.Message}");
        }
        return new ImportRun(Stopwatch.GetElapsedTime(started), batches, rss.PeakBytes, progress?.Counts ?? DwhImportCounts.Zero, failures);
    }

    /// <summary>
    /// A reference: the same customers, parsed already, by binary COPY into <paramref name="table"/>, a table with
    /// customer_master's columns and key, the key of row i being <paramref name="keyOf"/>(i).
    /// </summary>
    private static async Task<CopyRun> RawCopyAsync(
        NpgsqlDataSource dataSource, int? postmaster, string table, int rows, int batchSize, Func<long, string> keyOf, CancellationToken cancellationToken)
    {
        await using (var create = dataSource.CreateCommand($"CREATE TABLE {table} (LIKE customer_master INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"))
            await create.ExecuteNonQueryAsync(cancellationToken);
        var batches = new LatencyRecorder();
        long failures = 0;
        var importId = Guid.NewGuid();
        var hash = new byte[CustomerMasterRowHash.Length];
        var cpu = CpuWindow.Start(postmaster);
        var wal = await WalPositionAsync(dataSource, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (long at = 0; at < rows; at += batchSize)
        {
            var count = (int)Math.Min(batchSize, rows - at);
            var before = Stopwatch.GetTimestamp();
            try
            {
                await using var importer = await connection.BeginBinaryImportAsync(
                    $"COPY {table} (customer_key, kvnr, given_name, family_name, birth_date, street, postal_code, city, phone, email, " +
                    "preferred_channel, advertising_consent, bonus_programme, tariff, row_hash, import_id, updated_at) FROM STDIN (FORMAT BINARY)",
                    cancellationToken);
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < count; i++)
                {
                    var row = DwhImportRows.Record(at + i, keyOf(at + i));
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(row.CustomerKey, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(row.Kvnr, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(row.GivenName, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(row.FamilyName, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(row.BirthDate, NpgsqlDbType.Date, cancellationToken);
                    await importer.WriteAsync(row.Street, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(row.PostalCode, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(row.City, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(importer, row.Phone, cancellationToken);
                    await WriteNullableAsync(importer, row.Email, cancellationToken);
                    await importer.WriteAsync((short)row.PreferredChannel, NpgsqlDbType.Smallint, cancellationToken);
                    await importer.WriteAsync(row.AdvertisingConsent, NpgsqlDbType.Boolean, cancellationToken);
                    await importer.WriteAsync(row.BonusProgramme, NpgsqlDbType.Boolean, cancellationToken);
                    await WriteNullableAsync(importer, row.Tariff, cancellationToken);
                    await importer.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
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
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (ownCpu, postgresCpu) = cpu.CpuSeconds;
        return new CopyRun(elapsed, batches, failures, ownCpu, postgresCpu, await WalPositionAsync(dataSource, cancellationToken) - wal);
    }

    private static string AscendingKey(long row) => "c-" + row.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>
    /// A key spread over the key space as uniformly as an HMAC pseudonym, for next to nothing: a 64-bit finalizer that
    /// maps distinct rows to distinct values (so keys never repeat), twice for the 32 hex digits.
    /// </summary>
    private static string RandomKey(long row) =>
        "c-" + Spread((ulong)row).ToString("x16", CultureInfo.InvariantCulture) + Spread(~(ulong)row).ToString("x16", CultureInfo.InvariantCulture);

    private static ulong Spread(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        return value ^ (value >> 33);
    }

    /// <summary>The server's WAL position in bytes: two readings give the WAL a phase wrote.</summary>
    private static Task<long> WalPositionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        ScalarAsync<long>(dataSource, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record ImportRun(TimeSpan Elapsed, LatencyRecorder Batches, long PeakRssBytes, DwhImportCounts Counts, long Failures);

    private sealed record CopyRun(TimeSpan Elapsed, LatencyRecorder Batches, long Failures, double OwnCpuSeconds, double PostgresCpuSeconds, long WalBytes);
}
