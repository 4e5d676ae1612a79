using Kasse.EinmalPin;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>Import errors in <c>pin_import_errors</c> (insert-only; the primary key makes a second store of a row a no-op).</summary>
public sealed class PostgresPinImportErrorStore(NpgsqlDataSource dataSource) : IPinImportErrorStore
{
    public async Task AddAsync(Guid importId, IReadOnlyList<PinImportRowError> errors, CancellationToken cancellationToken = default)
    {
        if (errors.Count == 0)
            return;
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO pin_import_errors (import_id, row_number, column_name, reason)
            SELECT $1, e.row_number, e.column_name, e.reason FROM unnest($2::bigint[], $3::text[], $4::text[]) AS e (row_number, column_name, reason)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue(importId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = errors.Select(e => e.RowNumber).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = errors.Select(e => e.Column).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = errors.Select(e => e.Reason).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PinImportRowError>> ReadAsync(Guid importId, int offset, int max)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT row_number, column_name, reason FROM pin_import_errors WHERE import_id = $1 ORDER BY row_number, ctid OFFSET $2 LIMIT $3");
        command.Parameters.AddWithValue(importId);
        command.Parameters.AddWithValue((long)offset);
        command.Parameters.AddWithValue((long)max);
        await using var reader = await command.ExecuteReaderAsync();
        var errors = new List<PinImportRowError>();
        while (await reader.ReadAsync())
            errors.Add(new PinImportRowError(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        return errors;
    }
}
