using System.Diagnostics;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.Storage;

/// <summary>
/// Two roles, as DBAs set them up: the schema owner runs <c>migrate</c>; the silos run as the application role, which
/// owns nothing, may only add to and read the append-only tables, and cannot disable a trigger. (The whole suite runs
/// as the application role: <see cref="PostgresServer.CreateDatabaseAsync"/>.)
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class DatabaseRolesTests
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task As_the_application_role_every_append_only_table_refuses_update_delete_truncate_and_alter()
    {
        var postgres = await PostgresServer.SharedAsync();
        var app = await postgres.CreateDatabaseAsync("roles");
        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        var tables = await SchemaGrants.TablesAsync(connection, null);
        var appendOnly = tables.Where(t => !SchemaGrants.Mutable.Contains(t) && !SchemaGrants.ReadOnly.Contains(t)).ToArray();
        Assert.Contains("conversation_events", appendOnly);
        Assert.Contains("audit_log", appendOnly);
        Assert.Contains("rule_decisions", appendOnly);
        Assert.Contains("pin_secrets", appendOnly);

        foreach (var table in appendOnly)
        {
            var column = await FirstColumnAsync(connection, table);
            foreach (var statement in new[]
            {
                $"UPDATE {table} SET {column} = {column}",
                $"DELETE FROM {table}",
                $"TRUNCATE {table}",
                $"ALTER TABLE {table} DISABLE TRIGGER USER",
                $"DROP TABLE {table}",
            })
            {
                await using var command = new NpgsqlCommand(statement, connection);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.True(refused.SqlState == InsufficientPrivilege, $"{statement}: {refused.SqlState} {refused.MessageText}");
            }
            await using var read = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            await read.ExecuteScalarAsync();
        }
        await using (var create = new NpgsqlCommand("CREATE TABLE sneaky (id int)", connection))
            Assert.Equal(InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync())).SqlState);

        // What the silo does need works: append to the audit trail, change the Orleans tables.
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO audit_log (at, actor_id, actor_role, action, subject_type, subject_id) VALUES (now(), 'agent-mueller', 'Agent', 'conversation.read', 'conversation', 'x')",
            connection))
        {
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }
        await using (var reminders = new NpgsqlCommand("DELETE FROM orleans_reminder WHERE service_id = 'none'", connection))
            await reminders.ExecuteNonQueryAsync();
        await using var owner = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user", connection);
        Assert.Equal(0L, (long)(await owner.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Migrate_needs_only_the_owner_connection_string_even_in_production_and_grants_the_application_role()
    {
        var postgres = await PostgresServer.SharedAsync();
        var owner = await postgres.CreateEmptyDatabaseAsync("migrateprod");
        for (var run = 0; run < 2; run++)
        {
            var (exitCode, output) = await RunSiloAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Kasse"] = owner,
                ["Database__ApplicationRole"] = PostgresServer.ApplicationRole,
            }, "migrate");
            Assert.True(exitCode == 0, output);
            Assert.Contains($"privileges granted to {PostgresServer.ApplicationRole}", output, StringComparison.Ordinal);
        }
        await using var connection = new NpgsqlConnection(PostgresServer.WithUser(owner, PostgresServer.ApplicationRole));
        await connection.OpenAsync();
        Assert.Equal(DatabaseMigrator.RequiredVersion, await DatabaseMigrator.ReadVersionAsync(connection));
        await using var update = new NpgsqlCommand("UPDATE rule_set_versions SET document = document", connection);
        Assert.Equal(InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task A_production_silo_does_not_migrate_and_refuses_to_start_on_an_older_schema()
    {
        var postgres = await PostgresServer.SharedAsync();
        var app = await postgres.CreateDatabaseAsync("oldschema");
        var owner = PostgresServer.WithUser(app, PostgresServer.OwnerRole);
        await using (var connection = new NpgsqlConnection(owner))
        {
            await connection.OpenAsync();
            await using var older = new NpgsqlCommand("UPDATE kasse_schema_version SET version = version - 1", connection);
            await older.ExecuteNonQueryAsync();
        }

        var (exitCode, output) = await RunSiloAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Kasse"] = app,
            ["Auth__Authority"] = "https://login.kasse.invalid/realms/kasse",
            ["Privacy__PseudonymKey"] = Convert.ToBase64String(new byte[32]),
            ["EinmalPin__ServerSecret"] = Convert.ToBase64String(new byte[32]),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Next()}",
        }, null);

        Assert.Equal(3, exitCode);
        Assert.Contains($"schema is at version {DatabaseMigrator.RequiredVersion - 1}", output, StringComparison.Ordinal);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
        await using var check = new NpgsqlConnection(owner);
        await check.OpenAsync();
        Assert.Equal(DatabaseMigrator.RequiredVersion - 1, await DatabaseMigrator.ReadVersionAsync(check));
    }

    private static async Task<string> FirstColumnAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position LIMIT 1",
            connection)
        { Parameters = { new NpgsqlParameter { Value = table } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(IReadOnlyDictionary<string, string> environment, string? argument)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
        };
        info.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        if (argument is not null)
            info.ArgumentList.Add(argument);
        info.Environment["Demo__Enabled"] = "false";
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(60)));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the silo did not exit: {await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
