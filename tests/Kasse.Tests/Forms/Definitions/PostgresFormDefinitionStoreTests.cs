using Kasse.Forms;
using Kasse.Grains.Forms.Definitions;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>Form definition documents in PostgreSQL: written once, never changed (migration 0015).</summary>
public sealed class PostgresFormDefinitionStoreTests
{
    [Fact]
    public async Task A_stored_version_is_kept_as_written_and_cannot_be_updated_deleted_or_truncated()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("formdefinitions");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        // As the schema owner: the trigger holds even for the owner (the application role may not even try).
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole));
        var store = new PostgresFormDefinitionStore(dataSource);
        var document = ShippedFormDefinitions.Document(FormNames.Accident);

        await store.SaveAsync(FormNames.Accident, 1, document);
        await store.SaveAsync(FormNames.Accident, 1, "{\"another\": true}"); // a second writer of the same number changes nothing

        Assert.Equal(document, await store.LoadAsync(FormNames.Accident, 1));
        Assert.Null(await store.LoadAsync(FormNames.Accident, 2));
        foreach (var statement in new[]
        {
            "UPDATE form_definition_versions SET document = '{}'",
            "DELETE FROM form_definition_versions",
            "TRUNCATE form_definition_versions",
        })
        {
            await using var command = dataSource.CreateCommand(statement);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
        Assert.Equal(document, await store.LoadAsync(FormNames.Accident, 1));
    }
}
