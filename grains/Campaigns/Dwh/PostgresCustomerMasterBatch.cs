using Npgsql;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// A batch of <see cref="PostgresCustomerMasterStore"/>: rows encoded for COPY as they are added; the commit copies
/// them into a transaction's temporary staging table, then one <c>INSERT … ON CONFLICT DO UPDATE … WHERE row_hash IS
/// DISTINCT FROM</c> inserts new rows, updates changed ones and leaves unchanged ones unwritten. In a first load the
/// rows are new, and the commit copies them straight into <c>customer_master</c>.
/// </summary>
/// <remarks>
/// The rows are sent in key order (<see cref="CustomerMasterCopyRows"/>): pseudonyms are random, and in order
/// consecutive rows descend through the same index pages.
/// <para>The upsert looks for every key before inserting it (and inserts speculatively), the staging copy writes every
/// row once more: in a first load that is nearly half of PostgreSQL's work per row (docs/benchmarks.md, h18-dwh). So a
/// first load's batch goes in by COPY alone; a key the table already holds (the extract repeats a key of an earlier
/// batch) fails that COPY as a unique violation, and the batch is upserted instead, with the same outcome.</para>
/// <para>A key twice in one batch would make the upsert touch a row twice, so such a batch keeps only the last row per key
/// (PostgreSQL picks it by its place in the staging table). Only a batch that may hold a key twice (two keys with the
/// same hash code) pays for the duplicate check.</para>
/// </remarks>
internal sealed class PostgresCustomerMasterBatch(NpgsqlDataSource dataSource, Guid importId, DateTimeOffset now, bool firstLoad) : ICustomerMasterBatch
{
    private const string Upsert = $"""
        INSERT INTO customer_master AS m ({CustomerMasterCopyRows.Columns})
        SELECT {CustomerMasterCopyRows.Columns} FROM src
        ON CONFLICT (customer_key) DO UPDATE SET
            kvnr = EXCLUDED.kvnr, given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
            birth_date = EXCLUDED.birth_date, street = EXCLUDED.street, postal_code = EXCLUDED.postal_code,
            city = EXCLUDED.city, phone = EXCLUDED.phone, email = EXCLUDED.email,
            preferred_channel = EXCLUDED.preferred_channel, advertising_consent = EXCLUDED.advertising_consent,
            bonus_programme = EXCLUDED.bonus_programme, tariff = EXCLUDED.tariff, row_hash = EXCLUDED.row_hash,
            import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at
        WHERE m.row_hash IS DISTINCT FROM EXCLUDED.row_hash
        RETURNING (m.xmax = 0) AS inserted
        """;

    private const string UpsertAll = $"""
        WITH src AS (SELECT * FROM customer_master_staging),
        up AS ({Upsert})
        SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int, -1 FROM up
        """;

    private const string UpsertLastPerKey = $"""
        WITH src AS MATERIALIZED (SELECT DISTINCT ON (customer_key) * FROM customer_master_staging ORDER BY customer_key, ctid DESC),
        up AS ({Upsert})
        SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int, (SELECT count(*) FROM src)::int FROM up
        """;

    // One set of key hash codes kept between batches (a new one per batch would be a large object each time).
    private static HashSet<int>? _spareKeyHashes;

    private readonly CustomerMasterCopyRows _rows = new(importId, now);
    private HashSet<int>? _keyHashes = Interlocked.Exchange(ref _spareKeyHashes, null) ?? [];
    private bool _keyMaybeTwice;

    public int Count { get; private set; }

    public void Add(CustomerMasterRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(_keyHashes is null, this);
        if (!_keyHashes.Add(row.CustomerKey.GetHashCode(StringComparison.Ordinal)))
            _keyMaybeTwice = true;
        _rows.Add(row);
        Count++;
    }

    public async Task<CustomerMasterUpsert> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Count == 0)
            return new CustomerMasterUpsert(0, 0, 0);
        if (firstLoad && !_keyMaybeTwice && await TryCopyNewRowsAsync(cancellationToken))
            return new CustomerMasterUpsert(Count, 0, 0);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE customer_master_staging (LIKE customer_master INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginRawBinaryCopyAsync(
            $"COPY customer_master_staging ({CustomerMasterCopyRows.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            await _rows.SendAsync(copy, cancellationToken);
        int inserted, updated, unique;
        await using (var upsert = new NpgsqlCommand(_keyMaybeTwice ? UpsertLastPerKey : UpsertAll, connection, transaction))
        await using (var reader = await upsert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            inserted = reader.GetInt32(0);
            updated = reader.GetInt32(1);
            unique = _keyMaybeTwice ? reader.GetInt32(2) : Count;
        }
        await transaction.CommitAsync(cancellationToken);
        // A superseded row counts as updated, so the counts add up to the rows given.
        return new CustomerMasterUpsert(inserted, updated + Count - unique, unique - inserted - updated);
    }

    /// <summary>The rows by COPY straight into the table; false (nothing written) when one of their keys is there already.</summary>
    private async Task<bool> TryCopyNewRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync(
                $"COPY customer_master ({CustomerMasterCopyRows.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            await _rows.SendAsync(copy, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public void Dispose()
    {
        _rows.Dispose();
        if (Interlocked.Exchange(ref _keyHashes, null) is { } keyHashes)
        {
            keyHashes.Clear();
            _spareKeyHashes = keyHashes;
        }
    }
}
