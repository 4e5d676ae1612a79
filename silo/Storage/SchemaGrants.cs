using Npgsql;

namespace Kasse.Silo.Storage;

/// <summary>
/// What the application role may do, granted by <c>migrate</c> (idempotent): use the schema; read the Orleans queries;
/// on the tables listed in <see cref="Mutable"/> SELECT, INSERT, UPDATE, DELETE; on every other table SELECT and INSERT
/// only — append-only is the default, so a new table is protected unless it is listed here on purpose; the sequences.
/// Never ownership, TRUNCATE, REFERENCES or TRIGGER, so it cannot disable a trigger or rewrite history.
/// </summary>
public static class SchemaGrants
{
    /// <summary>Tables whose rows the silo changes or removes: Orleans' own, the inbox's status index, and the
    /// EinmalPIN upload chunks and print outputs (deleted when done or expired), and the customer master data (updated by
    /// the nightly import).</summary>
    public static IReadOnlySet<string> Mutable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleans_grain_state", "orleans_membership", "orleans_membership_version", "orleans_reminder",
        "work_item_status", "pin_import_chunks", "pin_print_outputs", "customer_master",
        "dwh_import_chunks", // h13-dwh
    };

    /// <summary>Tables the silo only reads (written by <c>migrate</c>).</summary>
    public static IReadOnlySet<string> ReadOnly { get; } = new HashSet<string>(StringComparer.Ordinal) { "orleansquery", "kasse_schema_version" };

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string role, CancellationToken cancellationToken)
    {
        var quotedRole = new NpgsqlCommandBuilder().QuoteIdentifier(role);
        await ExecuteAsync(connection, transaction, $"GRANT USAGE ON SCHEMA public TO {quotedRole}", cancellationToken);
        // PostgreSQL before 15 lets everyone create in public: nobody but the owner shall.
        await ExecuteAsync(connection, transaction, "REVOKE CREATE ON SCHEMA public FROM PUBLIC", cancellationToken);
        foreach (var table in await TablesAsync(connection, transaction, cancellationToken))
        {
            var quotedTable = new NpgsqlCommandBuilder().QuoteIdentifier(table);
            await ExecuteAsync(connection, transaction, $"REVOKE ALL ON TABLE {quotedTable} FROM {quotedRole}", cancellationToken);
            var privileges = ReadOnly.Contains(table) ? "SELECT" : Mutable.Contains(table) ? "SELECT, INSERT, UPDATE, DELETE" : "SELECT, INSERT";
            await ExecuteAsync(connection, transaction, $"GRANT {privileges} ON TABLE {quotedTable} TO {quotedRole}", cancellationToken);
        }
        await ExecuteAsync(connection, transaction, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quotedRole}", cancellationToken);
    }

    /// <summary>The tables of the schema.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, connection, transaction);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
