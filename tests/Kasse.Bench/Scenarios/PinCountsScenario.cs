using System.Diagnostics;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Results;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>pin-counts</c>: the admin page's counts per status over a generated EinmalPIN database of N cases (letters,
/// reissues, events in every status), on a throwaway PostgreSQL. Measures, in the same run, the count of every case
/// (<see cref="PostgresPinResultsReader.CountAsync"/>: the reference) and the tally from the previous tally after a few
/// status changes (<see cref="PostgresPinResultsReader.TallyAsync"/>, what the counts grain does), and checks that both
/// agree (errors = rounds in which they differ).
/// </summary>
public static class PinCountsScenario
{
    public const string Name = "pin-counts";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var cases = options.Int("cases", 1_000_000, 1_000, 10_000_000);
        var changes = options.Int("changes", 1_000, 10, 100_000);
        var rounds = options.Int("rounds", 5, 1, 100);
        options.EnsureAllRead();

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pincounts");
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole));
        var generating = Stopwatch.GetTimestamp();
        await GenerateAsync(dataSource, cases);
        var events = await ScalarAsync(dataSource, "SELECT count(*) FROM pin_case_events");
        var secrets = await ScalarAsync(dataSource, "SELECT count(*) FROM pin_secrets");
        Console.Error.WriteLine($"{Name}: {cases:N0} cases, {secrets:N0} secrets, {events:N0} events generated in {Stopwatch.GetElapsedTime(generating).TotalSeconds:0} s");

        var reader = new PostgresPinResultsReader(dataSource);
        var now = DateTimeOffset.UtcNow;
        var full = new LatencyRecorder();
        var tallies = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        var counted = await reader.CountAsync(now);
        full.RecordSince(started);
        started = Stopwatch.GetTimestamp();
        var tally = await reader.TallyAsync(null, now);
        var firstTally = Stopwatch.GetElapsedTime(started);
        long mismatches = Same(counted, tally.Counts) ? 0 : 1;

        for (var round = 0; round < rounds; round++)
        {
            await ChangeAsync(dataSource, cases, changes, round);
            now = DateTimeOffset.UtcNow;
            started = Stopwatch.GetTimestamp();
            tally = await reader.TallyAsync(tally, now);
            tallies.RecordSince(started);
            started = Stopwatch.GetTimestamp();
            counted = await reader.CountAsync(now);
            full.RecordSince(started);
            if (!Same(counted, tally.Counts))
            {
                mismatches++;
                Console.Error.WriteLine($"{Name}: round {round}: tally {string.Join(", ", tally.Counts)} ≠ count {string.Join(", ", counted)}");
            }
            Console.Error.WriteLine($"{Name}: round {round}: tally {tallies.MaxMilliseconds:0} ms max so far, full count {full.MaxMilliseconds:0} ms max so far");
        }

        var tallyMs = tallies.PercentileMilliseconds(50);
        var fullMs = full.PercentileMilliseconds(50);
        return new ScenarioResult(Name)
        {
            OpsPerSecond = 1000 / tallyMs,
            P50Milliseconds = tallyMs,
            P99Milliseconds = tallies.PercentileMilliseconds(99),
            Errors = mismatches,
        }
            .With("cases", (long)cases)
            .With("secrets", secrets)
            .With("events", events)
            .With("changes_per_round", changes)
            .With("rounds", rounds)
            .With("tally_p50_ms", tallyMs)
            .With("tally_max_ms", tallies.MaxMilliseconds)
            .With("first_tally_ms", firstTally.TotalMilliseconds)
            .With("full_count_p50_ms", fullMs)
            .With("full_count_max_ms", full.MaxMilliseconds)
            .With("speedup", fullMs / tallyMs)
            .With("by_status", string.Join(",", tally.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")));
    }

    private static bool Same(IReadOnlyDictionary<PinCaseStatus, long> a, IReadOnlyDictionary<PinCaseStatus, long> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var n) && n == e.Value);

    /// <summary>
    /// Cases in steps of 100,000 (one transaction each, as imports commit): 90 % with a letter (2 % of those reissued),
    /// 60 % opened, 50 % submitted, 40 % decided (a quarter to a clerk, half of those closed by the clerk), 5 % of the
    /// letters issued long ago and expired.
    /// </summary>
    private static async Task GenerateAsync(NpgsqlDataSource dataSource, int cases)
    {
        const int Step = 100_000;
        for (var from = 1; from <= cases; from += Step)
        {
            var to = Math.Min(cases, from + Step - 1);
            await ExecuteAsync(dataSource, $"""
                INSERT INTO pin_cases (case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, imported_at)
                SELECT 'C' || lpad(i::text, 8, '0'), 1 + i % 3, 'A123456780', 'Erika', 'Mustermann', '1980-01-01', 'Weg 1', '10115', 'Berlin', '2027-03-01',
                       now() - interval '10 days'
                FROM generate_series({from}, {to}) i;
                INSERT INTO pin_secrets (case_number, issue_no, batch_id, token_hash, pin_lookup, pin_salt, pin_hash, iterations, issued_at, expires_at)
                SELECT 'C' || lpad(i::text, 8, '0'), 1, 'batch-gen', sha256(('t' || i)::bytea), sha256(('p' || i)::bytea), '\x00', '\x00', 10000,
                       CASE WHEN i % 20 = 5 THEN now() - interval '70 days' ELSE now() - interval '10 days' + (i / 256) * interval '1 second' END,
                       CASE WHEN i % 20 = 5 THEN now() - interval '10 days' ELSE now() + interval '50 days' + (i / 256) * interval '1 second' END
                FROM generate_series({from}, {to}) i WHERE i % 10 <> 0;
                INSERT INTO pin_secrets (case_number, issue_no, batch_id, token_hash, pin_lookup, pin_salt, pin_hash, iterations, issued_at, expires_at)
                SELECT 'C' || lpad(i::text, 8, '0'), 2, 'reissue-gen', sha256(('t2-' || i)::bytea), sha256(('p2-' || i)::bytea), '\x00', '\x00', 10000,
                       now() - interval '5 days', now() + interval '55 days'
                FROM generate_series({from}, {to}) i WHERE i % 10 <> 0 AND i % 50 = 1;
                INSERT INTO pin_case_events (case_number, seq, kind, at)
                SELECT 'C' || lpad(i::text, 8, '0'), e.seq, e.kind, now() - interval '9 days' + e.seq * interval '1 hour'
                FROM generate_series({from}, {to}) i
                CROSS JOIN LATERAL (VALUES (1, 1, 6), (2, 2, 5), (3, CASE WHEN i % 4 = 3 THEN 4 ELSE 3 END, 4), (4, 5, CASE WHEN i % 8 = 7 THEN 4 ELSE -1 END)) e(seq, kind, share)
                WHERE i % 10 <> 0 AND i % 20 <> 5 AND i % 10 < e.share;
                """);
        }
        // What autovacuum does after a bulk insert (its insert threshold, PostgreSQL 13 on): statistics, and the BRIN
        // ranges summarized. Without it the first tallies read every unsummarized range (docs/einmalpin.md, "Counts").
        await ExecuteAsync(dataSource, "VACUUM (ANALYZE) pin_cases, pin_secrets, pin_case_events;");
    }

    /// <summary>
    /// <paramref name="changes"/> status changes as the writers make them, in small transactions: new cases, letters
    /// opened, submissions, reissues.
    /// </summary>
    private static async Task ChangeAsync(NpgsqlDataSource dataSource, int cases, int changes, int round)
    {
        var quarter = Math.Max(1, changes / 4);
        var offset = round * changes;
        for (var i = 0; i < quarter; i++)
        {
            var n = 1 + (offset + i * 37) % cases;
            var number = $"C{n:D8}";
            await ExecuteAsync(dataSource, $"""
                INSERT INTO pin_cases (case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, imported_at)
                VALUES ('N{round:D2}{i:D6}', 1, 'A123456780', 'Erika', 'Mustermann', '1980-01-01', 'Weg 1', '10115', 'Berlin', '2027-03-01', now());
                INSERT INTO pin_case_events (case_number, seq, kind, at)
                SELECT '{number}', coalesce(max(seq), 0) + 1, 1, now() FROM pin_case_events WHERE case_number = '{number}';
                INSERT INTO pin_case_events (case_number, seq, kind, at)
                SELECT '{number}', coalesce(max(seq), 0) + 1, 2, now() FROM pin_case_events WHERE case_number = '{number}';
                INSERT INTO pin_secrets (case_number, issue_no, batch_id, token_hash, pin_lookup, pin_salt, pin_hash, iterations, issued_at, expires_at)
                SELECT '{number}', coalesce(max(issue_no), 0) + 1, 'reissue-bench', sha256(('tb-{round}-{i}')::bytea), sha256(('pb-{round}-{i}')::bytea), '\x00', '\x00', 10000, now(), now() + interval '60 days'
                FROM pin_secrets WHERE case_number = '{number}';
                """);
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
