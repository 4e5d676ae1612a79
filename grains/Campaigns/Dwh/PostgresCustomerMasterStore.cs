using Kasse.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The master data in <c>customer_master</c>. A batch goes in by binary COPY (<see cref="CustomerMasterCopyRows"/>) into
/// a transaction's temporary staging table, then one <c>INSERT … ON CONFLICT DO UPDATE … WHERE row_hash IS DISTINCT FROM</c>: new rows are inserted,
/// changed rows updated, and an unchanged row is not written at all. Reads of single rows by many activating grains
/// are served together (<see cref="CustomerMasterLookups"/>).
/// </summary>
public sealed class PostgresCustomerMasterStore : ICustomerMasterStore
{
    private const string DataColumns =
        "customer_key, kvnr, given_name, family_name, birth_date, street, postal_code, city, phone, email, preferred_channel, advertising_consent, bonus_programme, tariff";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly CustomerMasterLookups _lookups;

    public PostgresCustomerMasterStore(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        _dataSource = dataSource;
        _clock = clock;
        _lookups = new CustomerMasterLookups(ReadManyAsync);
    }

    public Task<CustomerMasterRecord?> GetAsync(string customerKey, CancellationToken cancellationToken = default) =>
        _lookups.GetAsync(customerKey, cancellationToken);

    public async Task<IReadOnlyList<CustomerMasterRecord>> ReadPageAsync(string? afterKey, int max, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {DataColumns} FROM customer_master WHERE $1::text IS NULL OR customer_key > $1 ORDER BY customer_key LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)afterKey ?? DBNull.Value });
        command.Parameters.AddWithValue(Math.Max(0, max));
        return await ReadRecordsAsync(command, cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM customer_master");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <remarks>
    /// A key twice in one batch: the last row wins and the earlier one counts as updated (it was superseded), so the
    /// counts always add up to the rows given.
    /// </remarks>
    public async Task<CustomerMasterUpsert> UpsertAsync(IReadOnlyList<CustomerMasterRecord> rows, Guid importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            return new CustomerMasterUpsert(0, 0, 0);
        var unique = new Dictionary<string, CustomerMasterRecord>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
            unique[row.CustomerKey] = row;
        var superseded = rows.Count - unique.Count;
        var now = _clock.GetUtcNow();

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE customer_master_staging (LIKE customer_master INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginRawBinaryCopyAsync(
            $"COPY customer_master_staging ({CustomerMasterCopyRows.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        using (var encoder = new CustomerMasterCopyRows())
            await encoder.WriteAsync(copy, unique.Values, importId, now, cancellationToken);
        int inserted, updated;
        await using (var upsert = new NpgsqlCommand(
            $"""
            WITH up AS (
                INSERT INTO customer_master AS m ({DataColumns}, row_hash, import_id, updated_at)
                SELECT {DataColumns}, row_hash, import_id, updated_at FROM customer_master_staging
                ON CONFLICT (customer_key) DO UPDATE SET
                    kvnr = EXCLUDED.kvnr, given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
                    birth_date = EXCLUDED.birth_date, street = EXCLUDED.street, postal_code = EXCLUDED.postal_code,
                    city = EXCLUDED.city, phone = EXCLUDED.phone, email = EXCLUDED.email,
                    preferred_channel = EXCLUDED.preferred_channel, advertising_consent = EXCLUDED.advertising_consent,
                    bonus_programme = EXCLUDED.bonus_programme, tariff = EXCLUDED.tariff, row_hash = EXCLUDED.row_hash,
                    import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at
                WHERE m.row_hash IS DISTINCT FROM EXCLUDED.row_hash
                RETURNING (m.xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int FROM up
            """, connection, transaction))
        await using (var reader = await upsert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            inserted = reader.GetInt32(0);
            updated = reader.GetInt32(1);
        }
        await transaction.CommitAsync(cancellationToken);
        return new CustomerMasterUpsert(inserted, updated + superseded, unique.Count - inserted - updated);
    }

    private async Task<IReadOnlyDictionary<string, CustomerMasterRecord>> ReadManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {DataColumns} FROM customer_master WHERE customer_key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = keys.ToArray() });
        var records = await ReadRecordsAsync(command, cancellationToken);
        return records.ToDictionary(r => r.CustomerKey, StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<CustomerMasterRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<CustomerMasterRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new CustomerMasterRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), (PreferredChannel)reader.GetInt16(10), reader.GetBoolean(11),
                reader.GetBoolean(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }
        return records;
    }
}
