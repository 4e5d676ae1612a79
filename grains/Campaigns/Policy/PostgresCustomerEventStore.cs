using System.Threading.Channels;
using Kasse.Campaigns;
using Kasse.Grains.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The customers' ledgers in <c>customer_events</c> (0019): appends of all customer grains of this silo are group
/// committed (one multi-row insert per round trip; a caller's task completes when its batch has committed), and the
/// loads of grains activating together (a campaign batch wakes thousands) are served by one query per round.
/// </summary>
public sealed class PostgresCustomerEventStore : ICustomerEventStore, IAsyncDisposable
{
    private const int MaxBatch = 1024;
    private const int MaxReadBatch = 512;
    private const string Columns = "seq, kind, at, ref_id, channel, source, purpose, campaign_id, offer_id, outcome, expires_at, consent";
    private readonly NpgsqlDataSource _dataSource;
    // One item is the events one grain stores together (usually one): they go into the same insert, all or none.
    private readonly GroupCommitWriter<IReadOnlyList<CustomerEventRecord>, bool> _writer;
    private readonly Channel<PendingRead> _reads = Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _reader;

    public PostgresCustomerEventStore(NpgsqlDataSource dataSource, ILogger<PostgresCustomerEventStore> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "customer_events", MaxBatch, records => records.Count, WriteBatchAsync, logger);
        _reader = Task.Run(ReadLoopAsync);
    }

    public Task AppendAsync(CustomerEventRecord record, CancellationToken cancellationToken = default) =>
        _writer.AppendAsync([record]).WaitAsync(cancellationToken);

    public Task AppendAllAsync(IReadOnlyList<CustomerEventRecord> records, CancellationToken cancellationToken = default) =>
        records.Count == 0 ? Task.CompletedTask : _writer.AppendAsync(records).WaitAsync(cancellationToken);

    public Task<CustomerLedgerSnapshot> ReadAsync(string customerKey, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var pending = new PendingRead(customerKey, since, new TaskCompletionSource<CustomerLedgerSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_reads.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(PostgresCustomerEventStore));
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _reads.Writer.TryComplete();
        await _reader;
        await _writer.DisposeAsync();
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<PendingRead>(MaxReadBatch);
        while (await _reads.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxReadBatch && _reads.Reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                var snapshots = await ReadBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetResult(snapshots[i]);
            }
            catch (Exception e)
            {
                foreach (var read in batch)
                    read.Done.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task<CustomerLedgerSnapshot[]> ReadBatchAsync(List<PendingRead> batch)
    {
        var keys = batch.Select(r => r.CustomerKey).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    $"""
                    SELECT r.ord, {string.Join(", ", Columns.Split(", ").Select(c => "e." + c))}
                    FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS r(customer_key, since, ord)
                    JOIN customer_events e ON e.customer_key = r.customer_key AND (e.at >= r.since OR e.kind = {(short)CustomerEventKind.ConsentChanged})
                    ORDER BY r.ord, e.seq
                    """)
                {
                    Parameters = { new() { Value = keys }, new() { Value = batch.Select(r => r.Since).ToArray() } },
                },
                new NpgsqlBatchCommand(
                    """
                    SELECT r.ord, (SELECT max(m.seq) FROM customer_events m WHERE m.customer_key = r.customer_key)
                    FROM unnest($1::text[]) WITH ORDINALITY AS r(customer_key, ord)
                    """)
                {
                    Parameters = { new() { Value = keys } },
                },
            },
        };
        var events = batch.Select(_ => new List<CustomerEventRecord>()).ToArray();
        var lastSeqs = new long[batch.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var index = (int)reader.GetInt64(0) - 1;
            events[index].Add(ReadEvent(reader, batch[index].CustomerKey));
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
            lastSeqs[(int)reader.GetInt64(0) - 1] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return [.. events.Select((list, i) => new CustomerLedgerSnapshot(list, lastSeqs[i]))];
    }

    private static CustomerEventRecord ReadEvent(NpgsqlDataReader reader, string customerKey) => new(
        customerKey,
        reader.GetInt64(1),
        (CustomerEventKind)reader.GetInt16(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : (ContactChannel)reader.GetInt16(5),
        reader.IsDBNull(6) ? null : (ContactSource)reader.GetInt16(6),
        reader.IsDBNull(7) ? null : (ContactPurpose)reader.GetInt16(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : (ContactOutcome)reader.GetInt16(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetString(12));

    private async Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<IReadOnlyList<CustomerEventRecord>, bool>> batch)
    {
        var rows = batch.SelectMany(p => p.Item).ToArray();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO customer_events (customer_key, {Columns})
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::timestamptz[], $5::text[], $6::smallint[], $7::smallint[],
                $8::smallint[], $9::text[], $10::text[], $11::smallint[], $12::timestamptz[], $13::jsonb[])
            ON CONFLICT (customer_key, seq) DO NOTHING
            RETURNING customer_key, seq
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.CustomerKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.RefId).ToArray() });
        command.Parameters.Add(SmallIntArray(rows.Select(r => (short?)r.Channel)));
        command.Parameters.Add(SmallIntArray(rows.Select(r => (short?)r.Source)));
        command.Parameters.Add(SmallIntArray(rows.Select(r => (short?)r.Purpose)));
        command.Parameters.Add(TextArray(rows.Select(r => r.CampaignId)));
        command.Parameters.Add(TextArray(rows.Select(r => r.OfferId)));
        command.Parameters.Add(SmallIntArray(rows.Select(r => (short?)r.Outcome)));
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = rows.Select(r => r.ExpiresAt).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(TextArray(rows.Select(r => r.Consent)));
        var inserted = new HashSet<(string, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                inserted.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        foreach (var append in batch)
        {
            if (await AllStoredAsync(connection, append.Item, inserted))
                append.Done.TrySetResult(true);
            else
                append.Done.TrySetException(new InvalidOperationException("the ledger's sequence number is taken by another event"));
        }
    }

    private static async Task<bool> AllStoredAsync(NpgsqlConnection connection, IReadOnlyList<CustomerEventRecord> records, HashSet<(string, long)> inserted)
    {
        foreach (var record in records)
        {
            if (!inserted.Contains((record.CustomerKey, record.Seq)) && !await IsStoredAsync(connection, record))
                return false;
        }
        return true;
    }

    /// <summary>A seq already taken: fine when it holds this very event (a batch retried after its commit was not acknowledged).</summary>
    private static async Task<bool> IsStoredAsync(NpgsqlConnection connection, CustomerEventRecord record)
    {
        await using var command = new NpgsqlCommand("SELECT kind, ref_id FROM customer_events WHERE customer_key = $1 AND seq = $2", connection);
        command.Parameters.AddWithValue(record.CustomerKey);
        command.Parameters.AddWithValue(record.Seq);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() && reader.GetInt16(0) == (short)record.Kind && reader.GetString(1) == record.RefId;
    }

    private static NpgsqlParameter SmallIntArray(IEnumerable<short?> values) => new()
    {
        Value = values.ToArray(),
        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint,
    };

    private static NpgsqlParameter TextArray(IEnumerable<string?> values) => new()
    {
        Value = values.ToArray(),
        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
    };

    private sealed record PendingRead(string CustomerKey, DateTimeOffset Since, TaskCompletionSource<CustomerLedgerSnapshot> Done);
}
