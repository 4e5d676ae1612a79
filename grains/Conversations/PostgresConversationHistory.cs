using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Kasse.Conversations;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Conversations;

/// <summary>
/// The history in the append-only table <c>conversation_events</c>. Appends from all conversations of this silo are
/// gathered into one multi-row insert per round trip (group commit); each caller's task completes when its batch has
/// committed, so an acknowledgement always means durable. The table's unique keys — (conversation, seq) and
/// (conversation, sender, client message id) — make a re-append or a late retry find the stored event instead of a
/// second row.
/// </summary>
public sealed partial class PostgresConversationHistory : IConversationHistory, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresConversationHistory> _logger;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresConversationHistory(NpgsqlDataSource dataSource, ILogger<PostgresConversationHistory> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writer = Task.Run(WriteBatchesAsync);
    }

    public Task<ConversationEvent> AppendAsync(ConversationEvent conversationEvent)
    {
        var pending = new PendingAppend(conversationEvent, new TaskCompletionSource<ConversationEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(PostgresConversationHistory));
        return pending.Done.Task;
    }

    public async Task<IReadOnlyList<ConversationEvent>> ReadAfterAsync(Guid conversationId, long afterSeq, int max)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM conversation_events WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(afterSeq);
        command.Parameters.AddWithValue(max);
        return await ReadEventsAsync(command);
    }

    public async Task<IReadOnlyList<ConversationEvent>> ReadTailAsync(Guid conversationId, int count)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT * FROM (SELECT {Columns} FROM conversation_events WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) tail ORDER BY seq");
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(count);
        return await ReadEventsAsync(command);
    }

    public async Task<IReadOnlyList<(string SenderId, string ClientMessageId, long Seq)>> ReadRecentClientIdsAsync(Guid conversationId, int count)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT sender_id, client_message_id, seq FROM (
                SELECT sender_id, client_message_id, seq FROM conversation_events
                WHERE conversation_id = $1 AND client_message_id IS NOT NULL ORDER BY seq DESC LIMIT $2) recent
            ORDER BY seq
            """);
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<(string, string, long)>();
        while (await reader.ReadAsync())
            ids.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return ids;
    }

    public async Task<ConversationEvent?> FindByClientMessageIdAsync(Guid conversationId, string senderId, string clientMessageId)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM conversation_events WHERE conversation_id = $1 AND sender_id = $2 AND client_message_id = $3");
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(senderId);
        command.Parameters.AddWithValue(clientMessageId);
        return (await ReadEventsAsync(command)).SingleOrDefault();
    }

    public async Task<bool> ContainsAsync(Guid conversationId, ConversationEventKind kind, string? senderId)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM conversation_events WHERE conversation_id = $1 AND kind = $2 AND ($3::text IS NULL OR sender_id = $3))");
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue((short)kind);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)senderId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private const string Columns = "conversation_id, seq, kind, sender_id, sender_role, sender_name, client_message_id, body, at, attachment";

    private static async Task<IReadOnlyList<ConversationEvent>> ReadEventsAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<ConversationEvent>();
        while (await reader.ReadAsync())
        {
            events.Add(new ConversationEvent(
                reader.GetGuid(0), reader.GetInt64(1), (ConversationEventKind)reader.GetInt16(2), reader.GetString(3),
                (ParticipantRole)reader.GetInt16(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<AttachmentInfo>(reader.GetString(9))));
        }
        return events;
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        // The writer keeps one connection: a pooled open per batch would reset the session (and drop the prepared
        // insert) on every round trip. A failed batch drops the connection, and so does a long quiet spell (servers and
        // proxies close idle connections); the next batch opens a fresh one.
        NpgsqlConnection? connection = null;
        var lastUsed = 0L;
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                if (connection is not null && Stopwatch.GetElapsedTime(lastUsed) > MaxIdle)
                    connection = await DropAsync(connection);
                connection ??= await _dataSource.OpenConnectionAsync();
                var inserted = await InsertAsync(connection, batch);
                lastUsed = Stopwatch.GetTimestamp();
                foreach (var item in batch)
                {
                    if (inserted.Contains((item.Event.ConversationId, item.Event.Seq)))
                        item.Done.TrySetResult(item.Event);
                    else
                        _ = FindStoredAsync(item); // off the writer loop: the next batch need not wait for this query
                }
            }
            catch (Exception e)
            {
                // Whatever went wrong, the loop lives on: this batch fails (its senders retry), the next one is tried.
                LogBatchFailed(_logger, batch.Count, e);
                foreach (var item in batch)
                    item.Done.TrySetException(e);
                connection = await DropAsync(connection);
            }
            batch.Clear();
        }
        await DropAsync(connection);
    }

    /// <summary>Closes the writer's connection; a failure to close must not end the writer.</summary>
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

    /// <summary>
    /// A row that was not inserted because a unique key was taken. Fine when it is this very event written before (a
    /// re-append after a lost ack) or the sender's earlier message with the same client message id (a late retry, or
    /// two activations racing after a failure): the caller gets the stored event. An error otherwise — never
    /// acknowledge an event the table does not hold.
    /// </summary>
    private async Task FindStoredAsync(PendingAppend item)
    {
        try
        {
            var e = item.Event;
            await using var command = _dataSource.CreateCommand(
                $"""
                SELECT {Columns} FROM conversation_events
                WHERE conversation_id = $1 AND (seq = $2 OR (sender_id = $3 AND client_message_id = $4))
                """);
            command.Parameters.AddWithValue(e.ConversationId);
            command.Parameters.AddWithValue(e.Seq);
            command.Parameters.AddWithValue(e.SenderId);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.ClientMessageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            var rows = await ReadEventsAsync(command);
            var stored = rows.FirstOrDefault(row => e.ClientMessageId is not null && row.SenderId == e.SenderId && row.ClientMessageId == e.ClientMessageId)
                ?? rows.FirstOrDefault(row => row.Seq == e.Seq && row.Kind == e.Kind && row.SenderId == e.SenderId && row.ClientMessageId == e.ClientMessageId);
            if (stored is not null)
                item.Done.TrySetResult(stored);
            else
                item.Done.TrySetException(new InvalidOperationException("the sequence number is already taken by another event"));
        }
        catch (Exception exception)
        {
            item.Done.TrySetException(exception);
        }
    }

    private static async Task<HashSet<(Guid, long)>> InsertAsync(NpgsqlConnection connection, List<PendingAppend> batch)
    {
        // One statement for the whole batch; a row that would take a used (conversation, seq) or (conversation, sender,
        // client message id) is left out, never duplicated, and resolved by FindStoredAsync.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO conversation_events ({Columns})
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::smallint[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::jsonb[])
            ON CONFLICT DO NOTHING
            RETURNING conversation_id, seq
            """,
            connection);
        var events = batch.Select(p => p.Event).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.ConversationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (short)e.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.SenderId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (short)e.SenderRole).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.SenderName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.ClientMessageId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Text).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => e.Attachment is null ? null : JsonSerializer.Serialize(e.Attachment)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        var inserted = new HashSet<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add((reader.GetGuid(0), reader.GetInt64(1)));
        return inserted;
    }

    private sealed record PendingAppend(ConversationEvent Event, TaskCompletionSource<ConversationEvent> Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the history writer's connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} conversation events failed; the senders get an error and retry")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
