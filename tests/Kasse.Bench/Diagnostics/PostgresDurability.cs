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

    /// <summary>Starts the server, durable unless <paramref name="durable"/> is false, and says which on stderr.</summary>
    public static async Task<PostgresServer> StartAsync(string scenario, bool durable)
    {
        Console.Error.WriteLine($"{scenario}: starting a throwaway PostgreSQL ({(durable ? "fsync, synchronous_commit, full_page_writes on" : "the tests' fast settings, not durable")})");
        return durable ? await PostgresServer.StartDurableAsync() : await PostgresServer.StartAsync();
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
