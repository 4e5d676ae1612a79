using System.Data;
using System.Globalization;
using Kasse.EinmalPin;
using Kasse.Grains.Storage;
using Npgsql;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// The results over PostgreSQL, set-based: each case's last event (highest <c>seq</c>) and valid issue (highest
/// <c>issue_no</c>) found through the primary keys of <c>pin_case_events</c> and <c>pin_secrets</c>; the derivation of
/// <see cref="PinStatusDerivation"/> written as SQL. No index beyond migration 0018 is needed (docs/einmalpin.md,
/// "Results" has the timings on a million cases).
/// </summary>
public sealed class PostgresPinResultsReader(NpgsqlDataSource dataSource) : IPinResultsReader
{
    // PinCaseEventKind → PinCaseStatus (Opened 1→3, Submitted 2→4, ClosedAutomatically 3→5, WithClerk 4→6,
    // ClosedByClerk 5→7, Reissued 6→LetterExported 2); no known event: LetterExported (2) with secrets, else Imported (1).
    private const string BaseStatus = """
        CASE e.kind WHEN 1 THEN 3 WHEN 2 THEN 4 WHEN 3 THEN 5 WHEN 4 THEN 6 WHEN 5 THEN 7 WHEN 6 THEN 2
            ELSE CASE WHEN s.expires_at IS NULL THEN 1 ELSE 2 END END
        """;

    // Imported (1), LetterExported (2) and Opened (3) expire with the valid issue.
    private const string Expires = "base.status IN (1, 2, 3) AND s.expires_at < $1";

    // Counting every case: DISTINCT ON over whole tables joins by hash, cheaper than a million index probes.
    private const string CountSql = $"""
        WITH e AS (
            SELECT DISTINCT ON (case_number) case_number, kind FROM pin_case_events ORDER BY case_number DESC, seq DESC),
        s AS (
            SELECT DISTINCT ON (case_number) case_number, expires_at FROM pin_secrets ORDER BY case_number DESC, issue_no DESC),
        base AS (
            SELECT {BaseStatus} AS status, s.expires_at
            FROM pin_cases c LEFT JOIN e ON e.case_number = c.case_number LEFT JOIN s ON s.case_number = c.case_number)
        SELECT CASE WHEN base.status IN (1, 2, 3) AND base.expires_at < $1 THEN 8 ELSE base.status END, count(*)
        FROM base GROUP BY 1
        """;

    // The cases a tally must re-derive: those with a row its snapshot ($1) did not see (found from the snapshot's xmin
    // $2 on: transaction ids grow with the tables), and those whose letter expired between its time and now ($3, $4).
    private const string ChangedSql = """
        SELECT case_number FROM pin_cases WHERE xact >= $2 AND NOT pg_visible_in_snapshot(xact::text::xid8, $1::pg_snapshot)
        UNION SELECT case_number FROM pin_secrets WHERE xact >= $2 AND NOT pg_visible_in_snapshot(xact::text::xid8, $1::pg_snapshot)
        UNION SELECT case_number FROM pin_case_events WHERE xact >= $2 AND NOT pg_visible_in_snapshot(xact::text::xid8, $1::pg_snapshot)
        UNION SELECT case_number FROM pin_secrets WHERE expires_at >= $3 AND expires_at < $4
        """;

    private const string ChangedCountSql = $"SELECT count(*) FROM ({ChangedSql}) changed";

    // Each changed case's status twice: as the last tally saw it (k = 0: only rows visible in its snapshot $1, expiry
    // judged at its time $5; no row at all when the case is newer) and now (k = 1: every row, expiry at $6).
    private const string ChangedStatusSql = $"""
        WITH changed AS ({ChangedSql})
        SELECT v.k, CASE WHEN b.status IN (1, 2, 3) AND s.expires_at < v.expiry_at THEN 8 ELSE b.status END, count(*)
        FROM changed ch
        JOIN pin_cases c ON c.case_number = ch.case_number
        CROSS JOIN (VALUES (0, $5::timestamptz), (1, $6::timestamptz)) v(k, expiry_at)
        LEFT JOIN LATERAL (
            SELECT kind FROM pin_case_events
            WHERE case_number = c.case_number AND (v.k = 1 OR xact IS NULL OR pg_visible_in_snapshot(xact::text::xid8, $1::pg_snapshot))
            ORDER BY seq DESC LIMIT 1) e ON true
        LEFT JOIN LATERAL (
            SELECT expires_at FROM pin_secrets
            WHERE case_number = c.case_number AND (v.k = 1 OR xact IS NULL OR pg_visible_in_snapshot(xact::text::xid8, $1::pg_snapshot))
            ORDER BY issue_no DESC LIMIT 1) s ON true
        CROSS JOIN LATERAL (SELECT {BaseStatus} AS status) b
        WHERE v.k = 1 OR c.xact IS NULL OR pg_visible_in_snapshot(c.xact::text::xid8, $1::pg_snapshot)
        GROUP BY 1, 2
        """;

    /// <summary>
    /// Above this many changed cases (a bulk import since the last tally) counting every case at once is cheaper than
    /// deriving each changed one twice.
    /// </summary>
    public const long RecountAbove = 100_000;

    // The end of the next window of cases (primary key, index only).
    private const string WindowSql = """
        SELECT max(case_number), count(*) FROM (
            SELECT case_number FROM pin_cases WHERE case_number > $1 ORDER BY case_number LIMIT $2) w
        """;

    // One page of a day within a window: the cases in number order from where the last step ended, each with two index
    // probes, so the steps of one export together read every case once. The details are read for the page's rows only.
    private const string ChangesSql = $"""
        WITH page AS (
            SELECT c.case_number, c.case_type,
                CASE WHEN {Expires} THEN 8 ELSE base.status END AS status,
                CASE WHEN {Expires} THEN s.expires_at ELSE base.at END AS status_at
            FROM pin_cases c
            LEFT JOIN LATERAL (
                SELECT kind, at FROM pin_case_events WHERE case_number = c.case_number ORDER BY seq DESC LIMIT 1) e ON true
            LEFT JOIN LATERAL (
                SELECT issued_at, expires_at FROM pin_secrets WHERE case_number = c.case_number ORDER BY issue_no DESC LIMIT 1) s ON true
            CROSS JOIN LATERAL (
                SELECT {BaseStatus} AS status,
                    CASE WHEN e.kind BETWEEN 1 AND 6 THEN e.at ELSE coalesce(s.issued_at, c.imported_at) END AS at) base
            WHERE c.case_number > $4 AND c.case_number <= $6
              AND CASE WHEN {Expires} THEN s.expires_at ELSE base.at END >= $2
              AND CASE WHEN {Expires} THEN s.expires_at ELSE base.at END < $3
            ORDER BY c.case_number
            LIMIT $5)
        SELECT p.case_number, p.case_type, p.status, p.status_at, decision.detail::text, submission.detail::text
        FROM page p
        LEFT JOIN LATERAL (
            SELECT detail FROM pin_case_events
            WHERE case_number = p.case_number AND kind IN (3, 4) ORDER BY seq DESC LIMIT 1) decision ON p.status IN (5, 6, 7)
        LEFT JOIN LATERAL (
            SELECT detail FROM pin_case_events
            WHERE case_number = p.case_number AND kind = 2 ORDER BY seq DESC LIMIT 1) submission ON p.status IN (4, 5, 6, 7)
        ORDER BY p.case_number
        """;

    public async Task<IReadOnlyDictionary<PinCaseStatus, long>> CountAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(CountSql);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        var rows = await command.ReadListAsync(reader => ((PinCaseStatus)reader.GetInt32(0), reader.GetInt64(1)));
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>
    /// One repeatable-read transaction: its snapshot is what this tally saw. With a previous tally, the cases it did not
    /// see change or that expired since are derived as they were then and as they are now, and the difference applied
    /// (exact whatever the writers' clocks: visibility, not timestamps, tells what is new); else every case is counted.
    /// </summary>
    public async Task<PinStatusTally> TallyAsync(PinStatusTally? previous, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        now = now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        string seen;
        await using (var snapshot = new NpgsqlCommand("SELECT pg_current_snapshot()::text", connection, transaction))
            seen = (string)(await snapshot.ExecuteScalarAsync(cancellationToken))!;
        IReadOnlyDictionary<PinCaseStatus, long> counts;
        if (previous?.Seen is not null && await CountChangedAsync(connection, transaction, previous, now, cancellationToken) <= RecountAbove)
        {
            await using var command = ChangedCommand(ChangedStatusSql, connection, transaction, previous, now);
            command.Parameters.AddWithValue(previous.At.ToUniversalTime());
            command.Parameters.AddWithValue(now);
            var rows = await command.ReadListAsync(reader => (Now: reader.GetInt32(0) == 1, Status: (PinCaseStatus)reader.GetInt32(1), Count: reader.GetInt64(2)));
            counts = previous.Apply(
                rows.Where(r => !r.Now).ToDictionary(r => r.Status, r => r.Count),
                rows.Where(r => r.Now).ToDictionary(r => r.Status, r => r.Count));
        }
        else
        {
            await using var command = new NpgsqlCommand(CountSql, connection, transaction);
            command.Parameters.AddWithValue(now);
            var rows = await command.ReadListAsync(reader => ((PinCaseStatus)reader.GetInt32(0), reader.GetInt64(1)));
            counts = rows.ToDictionary(r => r.Item1, r => r.Item2);
        }
        await transaction.CommitAsync(cancellationToken);
        return new PinStatusTally(counts, now, seen);
    }

    private static async Task<long> CountChangedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PinStatusTally previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = ChangedCommand(ChangedCountSql, connection, transaction, previous, now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The changed cases' parameters: the previous snapshot, its xmin, and the span expiry moved over.</summary>
    private static NpgsqlCommand ChangedCommand(
        string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, PinStatusTally previous, DateTimeOffset now)
    {
        var seen = previous.Seen!;
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(seen);
        // pg_snapshot as text is "xmin:xmax:xip,…": every transaction below xmin had ended when it was taken.
        command.Parameters.AddWithValue(long.Parse(seen[..seen.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
        var then = previous.At.ToUniversalTime();
        command.Parameters.AddWithValue(then < now ? then : now);
        command.Parameters.AddWithValue(then < now ? now : then);
        return command;
    }

    public async Task<PinResultsScan> ReadChangesAsync(
        DateTimeOffset from, DateTimeOffset until, string? afterCaseNumber, int max, int window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        string? windowEnd;
        long windowSize;
        await using (var bound = dataSource.CreateCommand(WindowSql))
        {
            bound.Parameters.AddWithValue(afterCaseNumber ?? "");
            bound.Parameters.AddWithValue(window);
            await using var reader = await bound.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            windowEnd = reader.IsDBNull(0) ? null : reader.GetString(0);
            windowSize = reader.GetInt64(1);
        }
        if (windowEnd is null)
            return new PinResultsScan([], null);
        await using var command = dataSource.CreateCommand(ChangesSql);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(until.ToUniversalTime());
        command.Parameters.AddWithValue(afterCaseNumber ?? "");
        command.Parameters.AddWithValue(max);
        command.Parameters.AddWithValue(windowEnd);
        var rows = await command.ReadListAsync(
            reader => PinResultRows.Of(
                reader.GetString(0),
                (PinCaseType)reader.GetInt16(1),
                (PinCaseStatus)reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                PinEventDetail.Parse(reader.IsDBNull(4) ? null : reader.GetString(4)),
                PinEventDetail.Parse(reader.IsDBNull(5) ? null : reader.GetString(5))));
        return new PinResultsScan(rows, PinResultsScan.Continuation(rows, max, windowEnd, windowSize < window));
    }
}
