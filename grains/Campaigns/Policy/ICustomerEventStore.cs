namespace Kasse.Grains.Campaigns.Policy;

/// <summary>The customers' append-only ledgers (<c>customer_events</c>). Memory in the embedded default.</summary>
public interface ICustomerEventStore
{
    /// <summary>Appends; durable when the task completes (group commit: many grains' appends share one COPY).</summary>
    Task AppendAsync(CustomerEventRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends several events of one decision in the same insert (a crash stores all or none of them), in the same round
    /// trip as other grains' appends: e.g. a batch contact's reservation and confirmation, an objection's revocations.
    /// </summary>
    Task AppendAllAsync(IReadOnlyList<CustomerEventRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// A customer's events at or after <paramref name="since"/> plus every ConsentChanged event, in seq order, and the
    /// last seq. Concurrent callers are served by one query (a batch activates many customer grains at once).
    /// </summary>
    Task<CustomerLedgerSnapshot> ReadAsync(string customerKey, DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>The events a customer grain loads on first use, and the last seq it continues from.</summary>
public sealed record CustomerLedgerSnapshot(IReadOnlyList<CustomerEventRecord> Events, long LastSeq);
