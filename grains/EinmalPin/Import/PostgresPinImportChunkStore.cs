using Npgsql;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// Import chunks in <c>pin_import_chunks</c>, or in another table of the same shape (<paramref name="table"/>, a
/// constant of the subclass: the DWH import's <c>dwh_import_chunks</c>).
/// </summary>
public class PostgresPinImportChunkStore(NpgsqlDataSource dataSource, string table) : IPinImportChunkStore
{
    public PostgresPinImportChunkStore(NpgsqlDataSource dataSource)
        : this(dataSource, "pin_import_chunks")
    {
    }

    public async Task SaveAsync(Guid importId, int chunkNo, byte[] data, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {table} (import_id, chunk_no, data) VALUES ($1, $2, $3) ON CONFLICT (import_id, chunk_no) DO NOTHING");
        command.Parameters.AddWithValue(importId);
        command.Parameters.AddWithValue(chunkNo);
        command.Parameters.AddWithValue(data);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> LoadAsync(Guid importId, int chunkNo, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT data FROM {table} WHERE import_id = $1 AND chunk_no = $2");
        command.Parameters.AddWithValue(importId);
        command.Parameters.AddWithValue(chunkNo);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<(int Chunks, long Bytes)> CountAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*)::int, coalesce(sum(length(data)), 0)::bigint FROM {table} WHERE import_id = $1");
        command.Parameters.AddWithValue(importId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    public async Task DeleteAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE import_id = $1");
        command.Parameters.AddWithValue(importId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
