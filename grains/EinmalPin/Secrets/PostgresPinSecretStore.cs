using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>Issued secrets in <c>pin_secrets</c> (append-only; batches with binary COPY, one transaction per batch).</summary>
public sealed class PostgresPinSecretStore(NpgsqlDataSource dataSource) : IPinSecretStore
{
    private const string Columns = "case_number, issue_no, batch_id, token_hash, pin_lookup, pin_salt, pin_hash, iterations, issued_at, expires_at";

    public async Task AddAsync(IReadOnlyList<PinSecretRecord> secrets, CancellationToken cancellationToken = default)
    {
        if (secrets.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync($"COPY pin_secrets ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var s in secrets)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(s.CaseNumber, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.IssueNo, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(s.BatchId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.TokenHash, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(s.PinLookup, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(s.PinSalt, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(s.PinHash, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(s.Iterations, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(s.IssuedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(s.ExpiresAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public async Task<PinSecretRecord?> LatestAsync(string caseNumber)
    {
        var rows = await ReadAsync(
            $"SELECT {Columns} FROM pin_secrets WHERE case_number = $1 ORDER BY issue_no DESC LIMIT 1",
            new NpgsqlParameter { Value = caseNumber });
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<string?> CaseOfTokenAsync(byte[] tokenHash) =>
        CaseOfAsync("SELECT case_number FROM pin_secrets WHERE token_hash = $1", tokenHash);

    public Task<string?> CaseOfPinAsync(byte[] pinLookup) =>
        CaseOfAsync("SELECT case_number FROM pin_secrets WHERE pin_lookup = $1", pinLookup);

    public async Task<IReadOnlyList<string>> WithoutSecretsAsync(IReadOnlyList<string> caseNumbers)
    {
        if (caseNumbers.Count == 0)
            return [];
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT n FROM unnest($1::text[]) AS n WHERE NOT EXISTS (SELECT 1 FROM pin_secrets s WHERE s.case_number = n)");
        command.Parameters.Add(new NpgsqlParameter { Value = caseNumbers.ToArray() });
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result.Add(reader.GetString(0));
        return result;
    }

    public Task<IReadOnlyList<PinSecretRecord>> LatestOfAsync(IReadOnlyList<string> caseNumbers) =>
        caseNumbers.Count == 0
            ? Task.FromResult<IReadOnlyList<PinSecretRecord>>([])
            : ReadAsync(
                $"SELECT DISTINCT ON (case_number) {Columns} FROM pin_secrets WHERE case_number = ANY($1) ORDER BY case_number, issue_no DESC",
                new NpgsqlParameter { Value = caseNumbers.Distinct().ToArray() });

    private async Task<string?> CaseOfAsync(string sql, byte[] hash)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Bytea });
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<IReadOnlyList<PinSecretRecord>> ReadAsync(string sql, NpgsqlParameter parameter)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(parameter);
        var result = new List<PinSecretRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new PinSecretRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), (byte[])reader[3], (byte[])reader[4],
                (byte[])reader[5], (byte[])reader[6], reader.GetInt32(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return result;
    }
}
