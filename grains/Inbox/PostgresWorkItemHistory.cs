using System.Diagnostics;
using System.Threading.Channels;
using Kasse.Inbox;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The history in <c>work_item_events</c>. Appends from all items of this silo are gathered into one multi-row insert
/// per round trip (group commit) on one kept connection; a caller's task completes when its batch has committed.
/// </summary>
public sealed partial class PostgresWorkItemHistory : IWorkItemHistory, IAsyncDisposable
{
    private const int MaxBatch = 1024;
    private const string Columns = "item_id, seq, kind, status, agent_id, offer_id, weight, budget, queue, at, detail";
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresWorkItemHistory> _logger;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresWorkItemHistory(NpgsqlDataSource dataSource, ILogger<PostgresWorkItemHistory> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writer = Task.Run(WriteBatchesAsync);
    }

    public Task AppendAsync(IReadOnlyList<WorkItemEvent> events)
    {
        if (events.Count == 0)
            return Task.CompletedTask;
        var pending = new PendingAppend(events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(PostgresWorkItemHistory));
        return pending.Done.Task;
    }

    public async Task<IReadOnlyList<WorkItemEvent>> ReadItemAsync(string itemId)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns}, position FROM work_item_events WHERE item_id = $1 ORDER BY seq");
        command.Parameters.AddWithValue(itemId);
        return await ReadEventsAsync(command);
    }

    public async Task<IReadOnlyList<WorkItemEvent>> ReadAllAsync(long afterPosition, int max)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns}, position FROM work_item_events WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.AddWithValue(afterPosition);
        command.Parameters.AddWithValue(max);
        return await ReadEventsAsync(command);
    }

    public async Task<IReadOnlyList<string>> ReadUnsettledAsync(string queue)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT item_id FROM (
                SELECT DISTINCT ON (item_id) item_id, status FROM work_item_events
                WHERE item_id IN (SELECT item_id FROM work_item_events WHERE queue = $1)
                ORDER BY item_id, seq DESC) latest
            WHERE status IN (0, 1)
            """);
        command.Parameters.AddWithValue(queue);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private static async Task<IReadOnlyList<WorkItemEvent>> ReadEventsAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<WorkItemEvent>();
        while (await reader.ReadAsync())
        {
            events.Add(new WorkItemEvent(
                reader.GetString(0), reader.GetInt32(1), (WorkItemEventKind)reader.GetInt16(2), (WorkItemStatus)reader.GetInt16(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetGuid(5),
                reader.GetInt32(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt64(11)));
        }
        return events;
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingAppend>();
        NpgsqlConnection? connection = null;
        var lastUsed = 0L;
        while (await _pending.Reader.WaitToReadAsync())
        {
            var rows = 0;
            while (rows < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
                rows += next.Events.Count;
            }
            try
            {
                if (connection is not null && Stopwatch.GetElapsedTime(lastUsed) > MaxIdle)
                    connection = await DropAsync(connection);
                connection ??= await _dataSource.OpenConnectionAsync();
                var inserted = await InsertAsync(connection, batch);
                lastUsed = Stopwatch.GetTimestamp();
                foreach (var item in batch)
                {
                    if (item.Events.All(e => inserted.Contains((e.ItemId, e.Seq))))
                        item.Done.TrySetResult();
                    else
                        await ConfirmAlreadyStoredAsync(item, inserted);
                }
            }
            catch (Exception e)
            {
                // The loop lives on: this batch fails (its items keep the events and re-append), the next one is tried.
                LogBatchFailed(_logger, batch.Count, e);
                foreach (var item in batch)
                    item.Done.TrySetException(e);
                connection = await DropAsync(connection);
            }
            batch.Clear();
        }
        await DropAsync(connection);
    }

    private async Task<NpgsqlConnection?> DropAsync(NpgsqlConnection? connection)
    {
        try
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
        catch (Exception e)
        {
            LogCloseFailed(_logger, e);
        }
        return null;
    }

    /// <summary>An (item, seq) already taken: fine when it holds this very event (a re-append), an error otherwise.</summary>
    private async Task ConfirmAlreadyStoredAsync(PendingAppend item, HashSet<(string, int)> inserted)
    {
        foreach (var e in item.Events.Where(e => !inserted.Contains((e.ItemId, e.Seq))))
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
                item.Done.TrySetException(new InvalidOperationException("the sequence number is already taken by another event"));
                return;
            }
        }
        item.Done.TrySetResult();
    }

    private static async Task<HashSet<(string, int)>> InsertAsync(NpgsqlConnection connection, List<PendingAppend> batch)
    {
        // Rows are inserted in array order, so one item's events take positions in seq order.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO work_item_events ({Columns})
            SELECT {Columns} FROM unnest($1::text[], $2::int[], $3::smallint[], $4::smallint[], $5::text[], $6::uuid[], $7::int[], $8::int[], $9::text[], $10::timestamptz[], $11::jsonb[])
                WITH ORDINALITY AS rows({Columns}, ordinal)
            ORDER BY ordinal
            ON CONFLICT (item_id, seq) DO NOTHING
            RETURNING item_id, seq
            """,
            connection);
        var events = batch.SelectMany(p => p.Events).ToArray();
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
        var inserted = new HashSet<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add((reader.GetString(0), reader.GetInt32(1)));
        return inserted;
    }

    private sealed record PendingAppend(IReadOnlyList<WorkItemEvent> Events, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the work item history writer's connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending a batch of {Count} work item event groups failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
