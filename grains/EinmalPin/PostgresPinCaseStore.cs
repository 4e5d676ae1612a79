using Kasse.EinmalPin;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Imported cases in <c>pin_cases</c>. A batch goes in by binary COPY into a transaction's temporary staging table and
/// one <c>INSERT … SELECT … ON CONFLICT (case_number) DO NOTHING RETURNING</c>: bulk speed, and an existing case number
/// (a re-import, a duplicate in the file) is left as it was and not reported as new.
/// </summary>
public sealed class PostgresPinCaseStore(NpgsqlDataSource dataSource, TimeProvider time) : IPinCaseStore
{
    private const string Columns =
        "case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, prefill_iban, prefill_steuer_id, import_id, imported_at";

    public async Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<PinCaseData> cases, Guid? importId, CancellationToken cancellationToken = default)
    {
        if (cases.Count == 0)
            return [];
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE pin_cases_staging (LIKE pin_cases INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY pin_cases_staging ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var data in cases)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(data.CaseNumber, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync((short)data.CaseType, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync(data.Kvnr, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data.FirstName, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data.LastName, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(data.Street, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data.PostalCode, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data.City, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(data.Deadline, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(importer, data.PrefillIban, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, data.PrefillSteuerId, NpgsqlDbType.Text, cancellationToken);
                if (importId is { } id)
                    await importer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                else
                    await importer.WriteNullAsync(cancellationToken);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        var added = new List<string>();
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO pin_cases ({Columns}) SELECT {Columns} FROM pin_cases_staging ON CONFLICT (case_number) DO NOTHING RETURNING case_number",
            connection, transaction))
        {
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                added.Add(reader.GetString(0));
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<StoredPinCase?> FindAsync(string caseNumber)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pin_cases WHERE case_number = $1");
        command.Parameters.AddWithValue(caseNumber);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredPinCase>> ReadImportAsync(Guid importId, string? afterCaseNumber, int max)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM pin_cases WHERE import_id = $1 AND ($2::text IS NULL OR case_number > $2) ORDER BY case_number LIMIT $3");
        command.Parameters.AddWithValue(importId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)afterCaseNumber ?? DBNull.Value });
        command.Parameters.AddWithValue(max);
        await using var reader = await command.ExecuteReaderAsync();
        var cases = new List<StoredPinCase>();
        while (await reader.ReadAsync())
            cases.Add(Read(reader));
        return cases;
    }

    private static StoredPinCase Read(NpgsqlDataReader reader) => new(
        new PinCaseData(
            reader.GetString(0),
            (PinCaseType)reader.GetInt16(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetFieldValue<DateOnly>(5),
            reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetFieldValue<DateOnly>(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : reader.GetString(11)),
        reader.IsDBNull(12) ? null : reader.GetGuid(12),
        reader.GetFieldValue<DateTimeOffset>(13));

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
            await importer.WriteNullAsync(cancellationToken);
        else
            await importer.WriteAsync(value, type, cancellationToken);
    }
}
