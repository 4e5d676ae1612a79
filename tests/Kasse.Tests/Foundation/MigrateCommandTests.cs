using System.Diagnostics;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.Foundation;

/// <summary><c>Kasse.Silo migrate</c> applies the schema and exits, as a deployment step before a rollout.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_command_applies_the_schema_twice_and_exits_without_starting_a_silo()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateEmptyDatabaseAsync("migrate");
        for (var run = 0; run < 2; run++)
        {
            var (exitCode, output) = await RunSiloAsync(connectionString, "migrate");
            Assert.True(exitCode == 0, output);
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansquery', 'conversation_events', 'audit_log', 'rule_set_versions')", connection);
        Assert.Equal(4L, (long)(await command.ExecuteScalarAsync())!);
        await using var members = new NpgsqlCommand("SELECT count(*) FROM orleans_membership", connection);
        Assert.Equal(0L, (long)(await members.ExecuteScalarAsync())!);

        var (missing, message) = await RunSiloAsync(null, "migrate");
        Assert.Equal(2, missing);
        Assert.Contains("ConnectionStrings:Kasse", message, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(string? connectionString, string argument)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
        };
        info.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Kasse"] = connectionString ?? "";
        info.Environment["Demo__Enabled"] = "false";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
