using Kasse.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The master data in <c>customer_master</c>. A batch goes in by binary COPY and one upsert that writes only new and
/// changed rows, or, in a first load, by binary COPY straight into the table (<see cref="PostgresCustomerMasterBatch"/>). Reads of single rows by many activating grains
/// are served together (<see cref="CustomerMasterLookups"/>).
/// </summary>
public sealed class PostgresCustomerMasterStore : ICustomerMasterStore
{
    internal const string DataColumns =
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

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT NOT EXISTS (SELECT FROM customer_master)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <remarks>
    /// A key twice in one batch: the last row wins and the earlier one counts as updated (it was superseded), so the
    /// counts always add up to the rows given.
    /// </remarks>
    public async Task<CustomerMasterUpsert> UpsertAsync(IReadOnlyList<CustomerMasterRecord> rows, Guid importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var batch = StartBatch(importId);
        foreach (var row in rows)
            batch.Add(row);
        return await batch.CommitAsync(cancellationToken);
    }

    public ICustomerMasterBatch StartBatch(Guid importId, bool firstLoad = false) =>
        new PostgresCustomerMasterBatch(_dataSource, importId, _clock.GetUtcNow(), firstLoad);

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
