using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Results;
using Kasse.Grains.Storage;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>
/// The counts per status taken from the last tally plus what changed since (PostgreSQL): after every kind of status
/// change, and after time alone moved cases to expired, they equal a count of every case.
/// </summary>
public sealed class PinStatusTallyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Today = Now.AddHours(-1);

    [Fact]
    public async Task Counts_from_the_last_tally_stay_exact_across_every_status_change_and_expiry()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pintally");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await ResultsSeed.EveryStatus("T-", Today, Now).WriteAsync(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var reader = new PostgresPinResultsReader(dataSource);
        var writes = new Writes(dataSource);

        var tally = await reader.TallyAsync(null, Now);
        Assert.NotNull(tally.Seen);
        await AssertExactAsync(reader, tally, Now, "first tally");

        // Each step: what the intake, the letters or a case grain would write, then a tally from the previous one.
        var steps = new (string Name, Func<Task> Write, DateTimeOffset At)[]
        {
            ("a new case", () => writes.CaseAsync("T-NEW", Now), Now),
            ("its letter", () => writes.SecretAsync("T-NEW", 1, Now, Now.AddDays(60)), Now),
            ("a letter opened", () => writes.EventAsync("T-LETTER", PinCaseEventKind.Opened, Now), Now),
            ("an opened case submitted", () => writes.EventAsync("T-OPEN", PinCaseEventKind.Submitted, Now), Now),
            ("a submission closed automatically", () => writes.EventAsync("T-SUB", PinCaseEventKind.ClosedAutomatically, Now), Now),
            ("a clerk's case closed", () => writes.EventAsync("T-CLERK", PinCaseEventKind.ClosedByClerk, Now), Now),
            ("an expired letter reissued", () => writes.SecretAsync("T-EXPLETTER", 2, Now, Now.AddDays(60)), Now),
            ("the reissue seen by its case", () => writes.EventAsync("T-EXPLETTER", PinCaseEventKind.Reissued, Now), Now),
            ("a row dated long ago", () => writes.CaseAsync("T-BACKDATED", Now.AddYears(-3)), Now.AddMinutes(1)),
            ("nothing but time (letters of today expire)", () => Task.CompletedTask, Now.AddDays(59).AddHours(1)),
            ("a case after the expiry", () => writes.EventAsync("T-NEW", PinCaseEventKind.Opened, Now.AddDays(59)), Now.AddDays(59).AddHours(2)),
            ("time back before the expiry", () => Task.CompletedTask, Now.AddDays(1)),
        };
        foreach (var (name, write, at) in steps)
        {
            await write();
            tally = await reader.TallyAsync(tally, at);
            await AssertExactAsync(reader, tally, at, name);
        }
        Assert.Equal(14, tally.Counts.Values.Sum());
    }

    [Fact]
    public async Task A_tally_started_while_a_writer_is_in_flight_counts_its_rows_once_they_are_committed()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pintallyflight");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var reader = new PostgresPinResultsReader(dataSource);

        // A writer's transaction is open (its rows invisible) when the tally takes its snapshot; it commits afterwards.
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await new Writes(dataSource).CaseAsync("F-1", Now, connection, transaction);
        var before = await reader.TallyAsync(null, Now);
        await transaction.CommitAsync();
        var after = await reader.TallyAsync(before, Now);

        Assert.Empty(before.Counts);
        Assert.Equal(new Dictionary<PinCaseStatus, long> { [PinCaseStatus.Imported] = 1 }, after.Counts);
    }

    [Fact]
    public async Task The_indexes_that_find_changed_cases_ask_autovacuum_to_summarize_each_full_range()
    {
        // An unsummarized BRIN range is read whole: without autosummarize a tally after small writes reads the tables.
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pintallybrin");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT c.relname, array_to_string(c.reloptions, ',') FROM pg_class c JOIN pg_am a ON a.oid = c.relam
            WHERE a.amname = 'brin' AND c.relname LIKE 'pin%xact' ORDER BY c.relname
            """);
        var indexes = await command.ReadListAsync(r => (Name: r.GetString(0), Options: r.IsDBNull(1) ? "" : r.GetString(1)));

        Assert.Equal(["pin_case_events_xact", "pin_cases_xact", "pin_secrets_xact"], indexes.Select(i => i.Name));
        Assert.All(indexes, i => Assert.Contains("autosummarize=on", i.Options, StringComparison.Ordinal));
    }

    private static async Task AssertExactAsync(IPinResultsReader reader, PinStatusTally tally, DateTimeOffset at, string step)
    {
        var everyCase = await reader.CountAsync(at);
        Assert.True(
            everyCase.OrderBy(c => c.Key).SequenceEqual(tally.Counts.OrderBy(c => c.Key)),
            $"after {step}: tally {string.Join(", ", tally.Counts.OrderBy(c => c.Key))} ≠ every case {string.Join(", ", everyCase.OrderBy(c => c.Key))}");
    }

    /// <summary>Rows as the intake, the letter batches and the case grains write them (one transaction each).</summary>
    private sealed class Writes(NpgsqlDataSource dataSource)
    {
        public async Task CaseAsync(string caseNumber, DateTimeOffset importedAt, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null)
        {
            await using var command = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand(null, connection, transaction);
            command.CommandText = """
                INSERT INTO pin_cases (case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, imported_at)
                VALUES ($1, 2, 'A123456780', 'Erika', 'Muster', '1970-05-17', 'Hauptstr. 1', '01067', 'Dresden', '2027-01-31', $2)
                """;
            command.Parameters.AddWithValue(caseNumber);
            command.Parameters.AddWithValue(importedAt);
            await command.ExecuteNonQueryAsync();
        }

        public async Task SecretAsync(string caseNumber, int issueNo, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
        {
            var unique = Guid.NewGuid().ToByteArray();
            await using var command = dataSource.CreateCommand("""
                INSERT INTO pin_secrets (case_number, issue_no, batch_id, token_hash, pin_lookup, pin_salt, pin_hash, iterations, issued_at, expires_at)
                VALUES ($1, $2, 'batch-tally', $3, $4, '\x03', '\x04', 10000, $5, $6)
                """);
            foreach (var value in new object[] { caseNumber, issueNo, unique.Append((byte)1).ToArray(), unique.Append((byte)2).ToArray(), issuedAt, expiresAt })
                command.Parameters.AddWithValue(value);
            await command.ExecuteNonQueryAsync();
        }

        public async Task EventAsync(string caseNumber, PinCaseEventKind kind, DateTimeOffset at)
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO pin_case_events (case_number, seq, kind, at)
                VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM pin_case_events WHERE case_number = $1), $2, $3)
                """);
            command.Parameters.AddWithValue(caseNumber);
            command.Parameters.AddWithValue((short)kind);
            command.Parameters.AddWithValue(at);
            await command.ExecuteNonQueryAsync();
        }
    }
}
