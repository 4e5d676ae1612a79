using Npgsql;

namespace Kasse.Grains.Storage;

/// <summary>The read shape the project's tables share: run a query, map each row.</summary>
public static class NpgsqlReads
{
    /// <summary>Executes <paramref name="command"/> and maps every row, in the order the query returns them.</summary>
    public static async Task<List<T>> ReadListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>
    /// The rows of one subject (<c>subject_type</c>, <c>subject_id</c>) of an append-only table in the order they were
    /// written (<c>id</c>), at most <paramref name="max"/>: the read of the audit trail and the decision log.
    /// </summary>
    public static async Task<List<T>> ReadBySubjectAsync<T>(
        this NpgsqlDataSource dataSource, string table, string columns, string subjectType, string subjectId, int max, Func<NpgsqlDataReader, T> map)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {columns} FROM {table} WHERE subject_type = $1 AND subject_id = $2 ORDER BY id LIMIT $3");
        command.Parameters.AddWithValue(subjectType);
        command.Parameters.AddWithValue(subjectId);
        command.Parameters.AddWithValue(max);
        return await command.ReadListAsync(map);
    }
}
