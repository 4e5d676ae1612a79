using System.Collections.Concurrent;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>The customers' ledgers in memory (embedded default and tests without PostgreSQL).</summary>
public sealed class InMemoryCustomerEventStore : ICustomerEventStore
{
    private readonly ConcurrentDictionary<string, List<CustomerEventRecord>> _events = new(StringComparer.Ordinal);

    public Task AppendAsync(CustomerEventRecord record, CancellationToken cancellationToken = default)
    {
        var list = _events.GetOrAdd(record.CustomerKey, _ => []);
        lock (list)
            list.Add(record);
        return Task.CompletedTask;
    }

    public Task AppendAllAsync(IReadOnlyList<CustomerEventRecord> records, CancellationToken cancellationToken = default)
    {
        foreach (var group in records.GroupBy(r => r.CustomerKey, StringComparer.Ordinal))
        {
            var list = _events.GetOrAdd(group.Key, _ => []);
            lock (list)
                list.AddRange(group);
        }
        return Task.CompletedTask;
    }

    public Task<CustomerLedgerSnapshot> ReadAsync(string customerKey, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        if (!_events.TryGetValue(customerKey, out var list))
            return Task.FromResult(new CustomerLedgerSnapshot([], 0));
        lock (list)
        {
            var events = list.Where(e => e.At >= since || e.Kind == CustomerEventKind.ConsentChanged).OrderBy(e => e.Seq).ToList();
            return Task.FromResult(new CustomerLedgerSnapshot(events, list.Count == 0 ? 0 : list.Max(e => e.Seq)));
        }
    }
}
