using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// The throwaway PostgreSQL of a scenario that claims durability (issue 15): with <c>fsync</c>,
/// <c>synchronous_commit</c> and <c>full_page_writes</c> on unless the run asks for the tests' fast settings, and the
/// settings the server actually reports, for the result line.
/// </summary>
public static class PostgresDurability
{
    private static readonly string[] Reported = ["fsync", "synchronous_commit", "full_page_writes", "server_version"];

    /// <summary>
    /// How many WAL segments (16 MB each) a durable server has ready before the load: a fresh server has none, so every
    /// segment the run fills is created then, zero-filled and synced while every commit waits (one every ~10 s at
    /// 3,600 chat messages/s, 30–200 ms each); a server that has run for a while reuses the segments of its
    /// checkpoints instead. 512 MB: more than a chat or co-browse run writes.
    /// </summary>
    public const int WalSegmentsAhead = 32;

    /// <summary>
    /// Starts the server, durable unless <paramref name="durable"/> is false, and says which on stderr. A durable one
    /// gets <see cref="WalSegmentsAhead"/> recycled WAL segments unless <paramref name="walAhead"/> is false.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(string scenario, bool durable, bool walAhead = true)
    {
        Console.Error.WriteLine($"{scenario}: starting a throwaway PostgreSQL ({(durable ? "fsync, synchronous_commit, full_page_writes on" : "the tests' fast settings, not durable")})");
        if (!durable)
            return await PostgresServer.StartAsync();
        var server = await PostgresServer.StartDurableAsync();
        if (walAhead)
            Console.Error.WriteLine($"{scenario}: {await PostgresWalSegments.PrepareAsync(server, WalSegmentsAhead)} WAL segments ready, as on a server that has run for a while");
        return server;
    }

    /// <summary>What the database promises for an acknowledged write, as the server reports it: <c>pg_fsync</c>, <c>pg_synchronous_commit</c>, <c>pg_full_page_writes</c>, <c>pg_server_version</c>.</summary>
    public static async Task<IReadOnlyList<(string Name, object Value)>> SettingsAsync(string connectionString)
    {
        var settings = new List<(string, object)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var setting in Reported)
        {
            await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
            settings.Add(("pg_" + setting, (string)(await command.ExecuteScalarAsync())!));
        }
        return settings;
    }

    /// <summary>Adds the settings of <see cref="SettingsAsync"/> to <paramref name="result"/>.</summary>
    public static ScenarioResult WithDurability(this ScenarioResult result, IReadOnlyList<(string Name, object Value)> settings)
    {
        foreach (var (name, value) in settings)
            result.With(name, value);
        return result;
    }
}
