using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Storage;

public sealed class OrleansMigrationTests
{
    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    private static readonly string[] PersistenceKeys =
        ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public void The_three_Orleans_scripts_are_embedded_in_order()
    {
        var names = DatabaseMigrator.ScriptNames.Select(n => n.Split('.')[^2]).ToArray();
        var orleans = names.Where(n => n.Contains("_orleans_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["0001_orleans_clustering", "0002_orleans_persistence", "0003_orleans_reminders"], orleans);
    }

    [Fact]
    public async Task Migrations_run_twice_and_leave_every_required_query_key_once()
    {
        var pg = await PostgresServer.SharedAsync();
        var connectionString = await pg.CreateEmptyDatabaseAsync("migrate");

        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        var first = await ReadQueriesAsync(connectionString);
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        var second = await ReadQueriesAsync(connectionString);

        Assert.Equal(first, second);
        foreach (var key in ClusteringKeys.Concat(PersistenceKeys).Concat(ReminderKeys))
        {
            Assert.True(second.TryGetValue(key, out var text), $"query {key} missing");
            Assert.False(string.IsNullOrWhiteSpace(text), $"query {key} is empty");
        }
    }

    [Fact]
    public async Task Migrations_replace_an_outdated_query_text()
    {
        var pg = await PostgresServer.SharedAsync();
        var connectionString = await pg.CreateEmptyDatabaseAsync("migrate");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await ExecuteAsync(connectionString, "UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'WriteToStorageKey'");

        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);

        var queries = await ReadQueriesAsync(connectionString);
        Assert.Contains("@GrainStateVersion", queries["WriteToStorageKey"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_started_concurrently_all_succeed()
    {
        var pg = await PostgresServer.SharedAsync();
        var connectionString = await pg.CreateEmptyDatabaseAsync("migrate");

        await Task.WhenAll(
            DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance),
            DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance),
            DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance));

        var queries = await ReadQueriesAsync(connectionString);
        Assert.All(ClusteringKeys.Concat(PersistenceKeys).Concat(ReminderKeys), key => Assert.Contains(key, queries.Keys));
    }

    [Fact]
    public async Task Grain_state_key_treats_null_and_empty_extension_as_different_grains()
    {
        var connectionString = await StorageTestSilo.CreateMigratedDatabaseAsync();
        Task InsertAsync(string extension) => ExecuteAsync(connectionString, $"""
            INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_key_ext, version)
            VALUES ('svc', 1, 'type', 2, 0, 0, {extension}, 1)
            """);

        await InsertAsync("NULL");
        await InsertAsync("''");
        var duplicateNull = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync("NULL"));
        var duplicateEmpty = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync("''"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicateNull.SqlState);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicateEmpty.SqlState);
    }

    private static async Task<Dictionary<string, string>> ReadQueriesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The same statement the providers run at start.
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            queries.Add(reader.GetString(reader.GetOrdinal("QueryKey")), reader.GetString(reader.GetOrdinal("QueryText")));
        return queries;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
