using System.Reflection;
using Npgsql;

namespace Kasse.Silo.Storage;

/// <summary>
/// Applies this project's PostgreSQL schema: the tables and <c>OrleansQuery</c> rows that Orleans' ADO.NET providers
/// read (the NuGet packages ship none), and the project's own append-only tables. Every script is idempotent and all
/// run on every start inside one transaction under an advisory lock, so silos that start together do not race.
/// </summary>
public static partial class DatabaseMigrator
{
    // Arbitrary, fixed key: every silo of every cluster on this database serialises its migration on it.
    private const long MigrationLockKey = 0x4b61737365;

    public static IReadOnlyList<string> ScriptNames { get; } = typeof(DatabaseMigrator).Assembly
        .GetManifestResourceNames()
        .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static async Task ApplyAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);

        foreach (var name in ScriptNames)
        {
            await using var command = new NpgsqlCommand(ReadScript(name), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(logger, name);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadScript(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"migration {resourceName} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private static partial void LogApplied(ILogger logger, string script);
}
