using Kasse.EinmalPin;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.EinmalPin.PrintOutput;

/// <summary>Sealed print output parts in <c>pin_print_outputs</c>.</summary>
public sealed class PostgresPinPrintOutputStore(NpgsqlDataSource dataSource) : IPinPrintOutputStore
{
    public async Task AddPartsAsync(string batchId, PinPrintKind kind, IReadOnlyList<(int Part, byte[] Sealed)> parts, DateTimeOffset createdAt, DateTimeOffset availableUntil)
    {
        if (parts.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY pin_print_outputs (batch_id, kind, part, data, created_at, available_until) FROM STDIN (FORMAT BINARY)");
        foreach (var (part, sealedPart) in parts)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(batchId, NpgsqlDbType.Text);
            await importer.WriteAsync((short)kind, NpgsqlDbType.Smallint);
            await importer.WriteAsync(part, NpgsqlDbType.Integer);
            await importer.WriteAsync(sealedPart, NpgsqlDbType.Bytea);
            await importer.WriteAsync(createdAt, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(availableUntil, NpgsqlDbType.TimestampTz);
        }
        await importer.CompleteAsync();
    }

    public async Task<byte[]?> ReadPartAsync(string batchId, PinPrintKind kind, int part)
    {
        await using var command = dataSource.CreateCommand("SELECT data FROM pin_print_outputs WHERE batch_id = $1 AND kind = $2 AND part = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = batchId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)kind });
        command.Parameters.Add(new NpgsqlParameter { Value = part });
        return await command.ExecuteScalarAsync() as byte[];
    }

    public async Task SetAvailableUntilAsync(string batchId, DateTimeOffset availableUntil)
    {
        await using var command = dataSource.CreateCommand("UPDATE pin_print_outputs SET available_until = $2 WHERE batch_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = batchId });
        command.Parameters.Add(new NpgsqlParameter { Value = availableUntil });
        await command.ExecuteNonQueryAsync();
    }

    public async Task DeleteAsync(string batchId)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pin_print_outputs WHERE batch_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = batchId });
        await command.ExecuteNonQueryAsync();
    }
}
