using Kasse.Grains.Storage;
using Kasse.Inbox;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The history in <c>work_item_events</c>, written by a <see cref="GroupCommitWriter{TItem, TResult}"/> (one multi-row
/// insert per round trip for all items of this silo; a caller's task completes when its batch has committed). The same
/// statement keeps <c>work_item_status</c> (each item's latest status and queue), so a queue's rebuild reads only the
/// items open in it.
/// </summary>
public sealed class PostgresWorkItemHistory : IWorkItemHistory, IAsyncDisposable
{
    private const int MaxBatchRows = 1024;
    private const string Columns = "item_id, seq, kind, status, agent_id, offer_id, weight, budget, queue, at, detail";
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<IReadOnlyList<WorkItemEvent>, bool> _writer;

    public PostgresWorkItemHistory(NpgsqlDataSource dataSource, ILogger<PostgresWorkItemHistory> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "work_item_events", MaxBatchRows, events => events.Count, WriteBatchAsync, logger);
    }

    public Task AppendAsync(IReadOnlyList<WorkItemEvent> events) => events.Count == 0 ? Task.CompletedTask : _writer.AppendAsync(events);

    public async Task<IReadOnlyList<WorkItemEvent>> ReadItemAsync(string itemId)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns}, position FROM work_item_events WHERE item_id = $1 ORDER BY seq");
        command.Parameters.AddWithValue(itemId);
        return await command.ReadListAsync(ReadEvent);
    }

    public async Task<IReadOnlyList<WorkItemEvent>> ReadAllAsync(long afterPosition, int max)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns}, position FROM work_item_events WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.AddWithValue(afterPosition);
        command.Parameters.AddWithValue(max);
        return await command.ReadListAsync(ReadEvent);
    }

    public async Task<IReadOnlyList<string>> ReadUnsettledAsync(string queue, string? afterItemId, int max)
    {
        // Served by the partial index work_item_status_open: only open items of this queue, from where the last page ended.
        await using var command = _dataSource.CreateCommand(
            "SELECT item_id FROM work_item_status WHERE queue = $1 AND status IN (0, 1) AND item_id > $2 ORDER BY item_id LIMIT $3");
        command.Parameters.AddWithValue(queue);
        command.Parameters.AddWithValue(afterItemId ?? "");
        command.Parameters.AddWithValue(max);
        return await command.ReadListAsync(reader => reader.GetString(0));
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static WorkItemEvent ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), (WorkItemEventKind)reader.GetInt16(2), (WorkItemStatus)reader.GetInt16(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetGuid(5),
        reader.GetInt32(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt64(11));

    private async Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<IReadOnlyList<WorkItemEvent>, bool>> batch)
    {
        var inserted = await InsertAsync(connection, batch.SelectMany(p => p.Item).ToArray());
        foreach (var append in batch)
        {
            if (append.Item.All(e => inserted.Contains((e.ItemId, e.Seq))))
                append.Done.TrySetResult(true);
            else
                await ConfirmAlreadyStoredAsync(append, inserted);
        }
    }

    /// <summary>An (item, seq) already taken: fine when it holds this very event (a re-append), an error otherwise.</summary>
    private async Task ConfirmAlreadyStoredAsync(GroupCommit<IReadOnlyList<WorkItemEvent>, bool> append, HashSet<(string, int)> inserted)
    {
        foreach (var e in append.Item.Where(e => !inserted.Contains((e.ItemId, e.Seq))))
        {
            await using var command = _dataSource.CreateCommand("SELECT kind, offer_id FROM work_item_events WHERE item_id = $1 AND seq = $2");
            command.Parameters.AddWithValue(e.ItemId);
            command.Parameters.AddWithValue(e.Seq);
            await using var reader = await command.ExecuteReaderAsync();
            var same = await reader.ReadAsync()
                && reader.GetInt16(0) == (short)e.Kind
                && (reader.IsDBNull(1) ? (Guid?)null : reader.GetGuid(1)) == e.OfferId;
            if (!same)
            {
                append.Done.TrySetException(new InvalidOperationException("the sequence number is already taken by another event"));
                return;
            }
        }
        append.Done.TrySetResult(true);
    }

    private static async Task<HashSet<(string, int)>> InsertAsync(NpgsqlConnection connection, WorkItemEvent[] events)
    {
        // Rows are inserted in array order, so one item's events take positions in seq order. The latest event of each
        // item in the batch moves its status row forward (never back: a late re-append of older events changes nothing).
        var latest = LatestPerItem(events);
        await using var command = new NpgsqlCommand(
            $"""
            WITH appended AS (
                INSERT INTO work_item_events ({Columns})
                SELECT {Columns} FROM unnest($1::text[], $2::int[], $3::smallint[], $4::smallint[], $5::text[], $6::uuid[], $7::int[], $8::int[], $9::text[], $10::timestamptz[], $11::jsonb[])
                    WITH ORDINALITY AS rows({Columns}, ordinal)
                ORDER BY ordinal
                ON CONFLICT (item_id, seq) DO NOTHING
                RETURNING item_id, seq),
            status AS (
                INSERT INTO work_item_status (item_id, queue, status, seq)
                SELECT * FROM unnest($12::text[], $13::text[], $14::smallint[], $15::int[])
                ON CONFLICT (item_id) DO UPDATE
                    SET queue = COALESCE(excluded.queue, work_item_status.queue), status = excluded.status, seq = excluded.seq
                    WHERE excluded.seq > work_item_status.seq)
            SELECT item_id, seq FROM appended
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.ItemId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (short)e.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (short)e.Status).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.AgentId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.OfferId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Weight).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Budget).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Queue).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Detail).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = latest.Select(s => s.ItemId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = latest.Select(s => s.Queue).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = latest.Select(s => (short)s.Status).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = latest.Select(s => s.Seq).ToArray() });
        var inserted = new HashSet<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add((reader.GetString(0), reader.GetInt32(1)));
        return inserted;
    }

    /// <summary>Per item of the batch: its latest event's status and seq, and the queue of its latest Queued event.</summary>
    private static List<(string ItemId, string? Queue, WorkItemStatus Status, int Seq)> LatestPerItem(WorkItemEvent[] events) =>
        events.GroupBy(e => e.ItemId)
            .Select(item =>
            {
                var last = item.MaxBy(e => e.Seq)!;
                return (item.Key, item.Where(e => e.Queue is not null).MaxBy(e => e.Seq)?.Queue, last.Status, last.Seq);
            })
            .ToList();
}
