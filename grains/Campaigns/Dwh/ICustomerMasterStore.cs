namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The master data table, written only by the data-warehouse import (one writer), read by the customer grains and the
/// campaign batch. Implementations: PostgreSQL (<c>customer_master</c>), memory in the embedded default.
/// </summary>
public interface ICustomerMasterStore
{
    /// <summary>One row, or null. Concurrent callers are served by one query (many grains activate at once in a batch).</summary>
    Task<CustomerMasterRecord?> GetAsync(string customerKey, CancellationToken cancellationToken = default);

    /// <summary>Rows in customer-key order after <paramref name="afterKey"/> (null: from the start), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<CustomerMasterRecord>> ReadPageAsync(string? afterKey, int max, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>True when there are no rows at all: an import that starts now is a first load.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts new rows, updates changed ones and leaves unchanged ones alone (compared by a row hash, so an unchanged
    /// row costs no write). Returns the counts.
    /// </summary>
    Task<CustomerMasterUpsert> UpsertAsync(IReadOnlyList<CustomerMasterRecord> rows, Guid importId, CancellationToken cancellationToken = default);

    /// <summary>
    /// An empty batch of the import <paramref name="importId"/>, for <see cref="UpsertAsync"/> row by row.
    /// <paramref name="firstLoad"/>: the import started on an empty table, so its rows are new unless the extract repeats
    /// a key; a store may then write them without looking for existing rows first, as long as the outcome is the same.
    /// </summary>
    ICustomerMasterBatch StartBatch(Guid importId, bool firstLoad = false);
}

/// <summary>What one upsert did.</summary>
public sealed record CustomerMasterUpsert(int Inserted, int Updated, int Unchanged);
