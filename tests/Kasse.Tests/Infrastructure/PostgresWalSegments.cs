using System.Globalization;
using Npgsql;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Gives a fresh PostgreSQL the WAL segments that a server in service already has. PostgreSQL creates a segment by
/// writing its 16 MB of zeros and syncing it, under the WAL write lock, so each new segment holds up every commit for
/// that long; a checkpoint keeps the segments it no longer needs, renamed for reuse (up to about twice the WAL written
/// between checkpoints, at most <c>max_wal_size</c>), and a reused one only needs opening. So: write
/// <c>segments</c> segments' worth of WAL (a tiny record and a switch to the next segment, each) and checkpoint.
/// For benchmarks with durable commits (docs/operations.md, "WAL segments and checkpoints").
/// </summary>
public static class PostgresWalSegments
{
    /// <summary>Prepares the segments; returns how many segment files the WAL directory holds afterwards.</summary>
    public static async Task<int> PrepareAsync(PostgresServer server, int segments)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString(server));
        await connection.OpenAsync();
        for (var i = 0; i < segments; i++)
        {
            // A switch needs something written since the last one; a logical message is WAL without a table.
            await using var step = new NpgsqlCommand("SELECT pg_logical_emit_message(false, 'kasse-bench', 'wal'), pg_switch_wal()", connection);
            await step.ExecuteNonQueryAsync();
        }
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
        await checkpoint.ExecuteNonQueryAsync();
        return SegmentFiles(server).Count;
    }

    /// <summary>The names of the WAL segment files the server holds now.</summary>
    public static IReadOnlySet<string> SegmentFiles(PostgresServer server) =>
        Directory.EnumerateFiles(Path.Combine(server.DataDir, "data", "pg_wal"))
            .Select(Path.GetFileName)
            .Where(name => name is { Length: 24 } && name.All(char.IsAsciiHexDigitUpper))
            .ToHashSet()!;

    /// <summary>The <c>postgres</c> superuser on the server's own database (trust authentication on loopback).</summary>
    public static string SuperuserConnectionString(PostgresServer server) => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres;Pooling=false");
}
