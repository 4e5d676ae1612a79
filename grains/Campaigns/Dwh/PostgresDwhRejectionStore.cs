using Kasse.Campaigns.Dwh;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Rejected rows in <c>dwh_import_rejections</c> (insert-only; the key makes a second store of a row a no-op).</summary>
public sealed class PostgresDwhRejectionStore(NpgsqlDataSource dataSource) : IDwhRejectionStore
{
    public async Task AddAsync(Guid importId, IReadOnlyList<DwhRejectedRow> rejections, CancellationToken cancellationToken = default)
    {
        if (rejections.Count == 0)
            return;
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO dwh_import_rejections (import_id, row_number, ord, column_name, reason)
            SELECT $1, r.row_number, r.ord, r.column_name, r.reason
            FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[]) AS r (row_number, ord, column_name, reason)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue(importId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = rejections.Select(r => r.RowNumber).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = Enumerable.Range(0, rejections.Count).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rejections.Select(r => r.Column).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rejections.Select(r => r.Reason).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DwhRejectedRow>> ReadAsync(Guid importId, int offset, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT row_number, column_name, reason FROM dwh_import_rejections WHERE import_id = $1 ORDER BY row_number, ord OFFSET $2 LIMIT $3");
        command.Parameters.AddWithValue(importId);
        command.Parameters.AddWithValue((long)offset);
        command.Parameters.AddWithValue((long)max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DwhRejectedRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new DwhRejectedRow(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
