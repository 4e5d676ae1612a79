using System.Text.Json;
using Kasse.Conversations;
using Kasse.Grains.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Conversations;

/// <summary>
/// The history in the append-only table <c>conversation_events</c>. Appends from all conversations of this silo are
/// gathered into one multi-row insert per round trip (group commit, <see cref="GroupCommitWriter{TItem, TResult}"/>);
/// each caller's task completes when its batch has committed, so an acknowledgement always means durable. The table's unique keys — (conversation, seq) and
/// (conversation, sender, client message id) — make a re-append or a late retry find the stored event instead of a
/// second row.
/// </summary>
public sealed class PostgresConversationHistory : IConversationHistory, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<ConversationEvent, ConversationEvent> _writer;

    public PostgresConversationHistory(NpgsqlDataSource dataSource, ILogger<PostgresConversationHistory> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "conversation_events", MaxBatch, _ => 1, WriteBatchAsync, logger);
    }

    public Task<ConversationEvent> AppendAsync(ConversationEvent conversationEvent) => _writer.AppendAsync(conversationEvent);

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
        return await command.ReadListAsync(reader => (reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
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

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private const string Columns = "conversation_id, seq, kind, sender_id, sender_role, sender_name, client_message_id, body, at, attachment";

    private static async Task<IReadOnlyList<ConversationEvent>> ReadEventsAsync(NpgsqlCommand command) =>
        await command.ReadListAsync(reader => new ConversationEvent(
            reader.GetGuid(0), reader.GetInt64(1), (ConversationEventKind)reader.GetInt16(2), reader.GetString(3),
            (ParticipantRole)reader.GetInt16(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<AttachmentInfo>(reader.GetString(9))));

    private async Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<ConversationEvent, ConversationEvent>> batch)
    {
        var inserted = await InsertAsync(connection, batch);
        foreach (var item in batch)
        {
            if (inserted.Contains((item.Item.ConversationId, item.Item.Seq)))
                item.Done.TrySetResult(item.Item);
            else
                _ = FindStoredAsync(item); // off the writer loop: the next batch need not wait for this query
        }
    }

    /// <summary>
    /// A row that was not inserted because a unique key was taken. Fine when it is this very event written before (a
    /// re-append after a lost ack) or the sender's earlier message with the same client message id (a late retry, or
    /// two activations racing after a failure): the caller gets the stored event. An error otherwise — never
    /// acknowledge an event the table does not hold.
    /// </summary>
    private async Task FindStoredAsync(GroupCommit<ConversationEvent, ConversationEvent> item)
    {
        try
        {
            var e = item.Item;
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

    private static async Task<HashSet<(Guid, long)>> InsertAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<ConversationEvent, ConversationEvent>> batch)
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
        // One pass over the batch fills every column (no iterator and intermediate array per column and batch).
        var n = batch.Count;
        var ids = new Guid[n];
        var seqs = new long[n];
        var kinds = new short[n];
        var senders = new string[n];
        var roles = new short[n];
        var names = new string[n];
        var clientIds = new string?[n];
        var texts = new string?[n];
        var times = new DateTimeOffset[n];
        var attachments = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var e = batch[i].Item;
            (ids[i], seqs[i], kinds[i], senders[i], roles[i]) = (e.ConversationId, e.Seq, (short)e.Kind, e.SenderId, (short)e.SenderRole);
            (names[i], clientIds[i], texts[i], times[i]) = (e.SenderName, e.ClientMessageId, e.Text, e.At);
            attachments[i] = e.Attachment is null ? null : JsonSerializer.Serialize(e.Attachment);
        }
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = seqs });
        command.Parameters.Add(new NpgsqlParameter { Value = kinds });
        command.Parameters.Add(new NpgsqlParameter { Value = senders });
        command.Parameters.Add(new NpgsqlParameter { Value = roles });
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        command.Parameters.Add(new NpgsqlParameter { Value = clientIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = times });
        command.Parameters.Add(new NpgsqlParameter { Value = attachments, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        var inserted = new HashSet<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add((reader.GetGuid(0), reader.GetInt64(1)));
        return inserted;
    }
}
