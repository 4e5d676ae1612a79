using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Kasse.Silo.Storage;

/// <summary>
/// Applies this project's PostgreSQL schema: the tables and <c>OrleansQuery</c> rows that Orleans' ADO.NET providers
/// read (the NuGet packages ship none), and the project's own append-only tables. Every script is idempotent and all
/// run inside one transaction under an advisory lock, so migrations started together do not race. The schema version
/// (the number of the newest script) is recorded, so a silo can tell that it runs against an older schema, and the
/// application role is granted exactly what the silo needs (<see cref="SchemaGrants"/>).
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

    /// <summary>The schema version this build needs: the number of its newest script (<c>0018_…</c> → 18).</summary>
    public static int RequiredVersion { get; } = ScriptNames.Max(VersionOf);

    /// <summary>
    /// Applies every script and records the version. <paramref name="applicationRole"/>, when given, gets the grants
    /// of <see cref="SchemaGrants"/>. A role that may not create in the schema (the application role) does not migrate:
    /// it returns when the schema is current and fails with <see cref="SchemaOutdatedException"/> when it is older.
    /// </summary>
    public static async Task ApplyAsync(
        string connectionString, ILogger logger, CancellationToken cancellationToken = default, string? applicationRole = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await MayCreateAsync(connection, cancellationToken))
        {
            await EnsureCurrentAsync(connection, cancellationToken);
            LogCurrentWithoutMigrating(logger, RequiredVersion);
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);

        foreach (var name in ScriptNames)
        {
            await using var command = new NpgsqlCommand(ReadScript(name), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(logger, name);
        }
        await RecordVersionAsync(connection, transaction, cancellationToken);
        if (!string.IsNullOrEmpty(applicationRole))
        {
            await SchemaGrants.ApplyAsync(connection, transaction, applicationRole, cancellationToken);
            LogGranted(logger, applicationRole);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Fails with <see cref="SchemaOutdatedException"/> unless the database holds at least <see cref="RequiredVersion"/>.</summary>
    public static async Task EnsureCurrentAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnsureCurrentAsync(connection, cancellationToken);
    }

    /// <summary>The recorded schema version, 0 when none is recorded (an empty database, or one from before versions).</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('kasse_schema_version') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM kasse_schema_version) END",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task EnsureCurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(connection, cancellationToken);
        if (version < RequiredVersion)
            throw new SchemaOutdatedException(version, RequiredVersion);
    }

    private static async Task<bool> MayCreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT has_schema_privilege(current_schema(), 'CREATE')", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task RecordVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var table = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS kasse_schema_version (
                id         integer     PRIMARY KEY CHECK (id = 1),
                version    integer     NOT NULL,
                applied_at timestamptz NOT NULL
            )
            """, connection, transaction))
        {
            await table.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var record = new NpgsqlCommand(
            """
            INSERT INTO kasse_schema_version (id, version, applied_at) VALUES (1, $1, now())
            ON CONFLICT (id) DO UPDATE SET version = greatest(kasse_schema_version.version, excluded.version), applied_at = now()
            """, connection, transaction)
        { Parameters = { new NpgsqlParameter { Value = RequiredVersion } } };
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private static int VersionOf(string resourceName)
    {
        var file = resourceName.Split('.')[^2];
        return int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted the application role {Role} its privileges")]
    private static partial void LogGranted(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema is at version {Version}; this role does not migrate")]
    private static partial void LogCurrentWithoutMigrating(ILogger logger, int version);
}
