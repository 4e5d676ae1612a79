using System.Collections.Concurrent;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>The master data in memory (embedded default and tests without PostgreSQL).</summary>
public sealed class InMemoryCustomerMasterStore : ICustomerMasterStore
{
    private readonly ConcurrentDictionary<string, CustomerMasterRecord> _rows = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    public Task<CustomerMasterRecord?> GetAsync(string customerKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault(customerKey));

    public Task<IReadOnlyList<CustomerMasterRecord>> ReadPageAsync(string? afterKey, int max, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CustomerMasterRecord> page = _rows.Values
            .Where(r => afterKey is null || string.CompareOrdinal(r.CustomerKey, afterKey) > 0)
            .OrderBy(r => r.CustomerKey, StringComparer.Ordinal)
            .Take(max)
            .ToList();
        return Task.FromResult(page);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_rows.Count);

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => Task.FromResult(_rows.IsEmpty);

    public Task<CustomerMasterUpsert> UpsertAsync(IReadOnlyList<CustomerMasterRecord> rows, Guid importId, CancellationToken cancellationToken = default)
    {
        int inserted = 0, updated = 0, unchanged = 0;
        lock (_writeLock)
        {
            foreach (var row in rows)
            {
                if (!_rows.TryGetValue(row.CustomerKey, out var existing))
                    inserted++;
                else if (existing == row)
                {
                    unchanged++;
                    continue;
                }
                else
                    updated++;
                _rows[row.CustomerKey] = row;
            }
        }
        return Task.FromResult(new CustomerMasterUpsert(inserted, updated, unchanged));
    }

    public ICustomerMasterBatch StartBatch(Guid importId, bool firstLoad = false) => new Batch(this, importId);

    private sealed class Batch(InMemoryCustomerMasterStore store, Guid importId) : ICustomerMasterBatch
    {
        private readonly List<CustomerMasterRecord> _rows = [];

        public int Count => _rows.Count;

        public void Add(CustomerMasterRecord row) => _rows.Add(row);

        public Task<CustomerMasterUpsert> CommitAsync(CancellationToken cancellationToken = default) =>
            store.UpsertAsync(_rows, importId, cancellationToken);

        public void Dispose()
        {
        }
    }
}
