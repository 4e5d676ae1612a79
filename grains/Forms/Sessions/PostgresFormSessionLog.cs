using Kasse.Conversations;
using Kasse.Grains.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The session log in the append-only table <c>form_session_events</c>. Appends from every session of this silo are
/// gathered into one binary COPY per flush (group commit, <see cref="GroupCommitWriter{TItem, TResult}"/>);
/// each caller's task completes when its batch has committed, so an acknowledged edit is durable. The unique keys —
/// (session, seq) and (session, actor, operation id) — turn a re-append or a late retry into the stored event.
/// </summary>
public sealed class PostgresFormSessionLog : IFormSessionLog, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const string Columns = "session_id, seq, kind, actor_id, actor_role, actor_name, operation_id, body, at";
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<FormSessionEvent, FormSessionEvent> _writer;

    public PostgresFormSessionLog(NpgsqlDataSource dataSource, ILogger<PostgresFormSessionLog> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "form_session_events", MaxBatch, _ => 1, WriteBatchAsync, logger);
    }

    public Task<FormSessionEvent> AppendAsync(FormSessionEvent sessionEvent) => _writer.AppendAsync(sessionEvent);

    public async Task<IReadOnlyList<FormSessionEvent>> ReadAfterAsync(Guid sessionId, long afterSeq)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM form_session_events WHERE session_id = $1 AND seq > $2 ORDER BY seq");
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(afterSeq);
        return await ReadEventsAsync(command);
    }

    public async Task<FormSessionTail> ReadTailAsync(Guid sessionId, long afterSeq, int operations)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                // Newest first through the primary key, so the scan stops after the last `operations` ones; only the
                // answer of each body is read.
                new NpgsqlBatchCommand(
                    """
                    SELECT actor_id, operation_id, seq, (body -> 'result')::text FROM form_session_events
                    WHERE session_id = $1 AND seq <= $2 AND operation_id IS NOT NULL ORDER BY seq DESC LIMIT $3
                    """)
                { Parameters = { new() { Value = sessionId }, new() { Value = afterSeq }, new() { Value = operations } } },
                new NpgsqlBatchCommand($"SELECT {Columns} FROM form_session_events WHERE session_id = $1 AND seq > $2 ORDER BY seq")
                { Parameters = { new() { Value = sessionId }, new() { Value = afterSeq } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        var remembered = new List<RememberedOperation>(Math.Min(operations, 64));
        while (await reader.ReadAsync())
        {
            remembered.Add(new RememberedOperation(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), FormSessionJson.ReadResult(reader.IsDBNull(3) ? null : reader.GetString(3))));
        }
        remembered.Reverse();
        await reader.NextResultAsync();
        var events = new List<FormSessionEvent>();
        while (await reader.ReadAsync())
            events.Add(ReadEvent(reader));
        return new FormSessionTail(remembered, events);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static async Task<IReadOnlyList<FormSessionEvent>> ReadEventsAsync(NpgsqlCommand command) =>
        await command.ReadListAsync(ReadEvent);

    private static FormSessionEvent ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetInt64(1), (FormSessionEventKind)reader.GetInt16(2),
        new FormActor(reader.GetString(3), reader.IsDBNull(4) ? null : (ParticipantRole)reader.GetInt16(4), reader.GetString(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6), FormSessionJson.ReadChange(reader.GetString(7)),
        reader.GetFieldValue<DateTimeOffset>(8));

    private async Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<FormSessionEvent, FormSessionEvent>> batch)
    {
        if (await TryCopyAsync(connection, batch))
        {
            foreach (var item in batch)
                item.Done.TrySetResult(item.Item);
            return;
        }
        var inserted = await InsertAsync(connection, batch);
        foreach (var item in batch)
        {
            if (inserted.Contains((item.Item.SessionId, item.Item.Seq)))
                item.Done.TrySetResult(item.Item);
            else
                _ = FindStoredAsync(item); // off the writer loop: the next batch need not wait for this query
        }
    }

    /// <summary>
    /// The common case: no row of the batch takes a used key (a retry is almost always answered from the grain's memory
    /// before it gets here), so a binary COPY stores them all — for PostgreSQL cheaper than an insert with ON CONFLICT,
    /// which probes every unique index before and after each row, and nothing to plan. False, with nothing stored, when
    /// a key was taken: then the insert that leaves such rows out does the batch.
    /// </summary>
    private static async Task<bool> TryCopyAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<FormSessionEvent, FormSessionEvent>> batch)
    {
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync($"COPY form_session_events ({Columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var item in batch)
            {
                var e = item.Item;
                await importer.StartRowAsync();
                await importer.WriteAsync(e.SessionId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(e.Seq, NpgsqlDbType.Bigint);
                await importer.WriteAsync((short)e.Kind, NpgsqlDbType.Smallint);
                await importer.WriteAsync(e.Actor.UserId, NpgsqlDbType.Text);
                if (e.Actor.Role is { } role)
                    await importer.WriteAsync((short)role, NpgsqlDbType.Smallint);
                else
                    await importer.WriteNullAsync();
                await importer.WriteAsync(e.Actor.Name, NpgsqlDbType.Text);
                if (e.OperationId is { } operationId)
                    await importer.WriteAsync(operationId, NpgsqlDbType.Text);
                else
                    await importer.WriteNullAsync();
                await importer.WriteAsync(FormSessionJson.Write(e.Change), NpgsqlDbType.Jsonb);
                await importer.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
            }
            await importer.CompleteAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>
    /// A row left out because a unique key was taken: fine when it is this very event written before (a re-append after
    /// a lost answer) or the actor's earlier change with the same operation id (a late retry); the caller gets the
    /// stored event. An error otherwise — never acknowledge a change the table does not hold.
    /// </summary>
    private async Task FindStoredAsync(GroupCommit<FormSessionEvent, FormSessionEvent> item)
    {
        try
        {
            var e = item.Item;
            await using var command = _dataSource.CreateCommand(
                $"""
                SELECT {Columns} FROM form_session_events
                WHERE session_id = $1 AND (seq = $2 OR (actor_id = $3 AND operation_id = $4))
                """);
            command.Parameters.AddWithValue(e.SessionId);
            command.Parameters.AddWithValue(e.Seq);
            command.Parameters.AddWithValue(e.Actor.UserId);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.OperationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            var rows = await ReadEventsAsync(command);
            var stored = rows.FirstOrDefault(row => e.OperationId is not null && row.Actor.UserId == e.Actor.UserId && row.OperationId == e.OperationId)
                ?? rows.FirstOrDefault(row => row.Seq == e.Seq && row.Kind == e.Kind && row.Actor.UserId == e.Actor.UserId && row.OperationId == e.OperationId);
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

    private static async Task<HashSet<(Guid, long)>> InsertAsync(
        NpgsqlConnection connection, IReadOnlyList<GroupCommit<FormSessionEvent, FormSessionEvent>> batch)
    {
        // One statement for the whole batch (after a COPY refused it); a row that would take a used key is left out,
        // never duplicated, and resolved by FindStoredAsync.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO form_session_events ({Columns})
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::smallint[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])
            ON CONFLICT DO NOTHING
            RETURNING session_id, seq
            """,
            connection);
        var events = batch.Select(p => p.Item).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.SessionId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (short)e.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Actor.UserId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => e.Actor.Role is { } role ? (short?)role : null).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Actor.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.OperationId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => FormSessionJson.Write(e.Change)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.At).ToArray() });
        var inserted = new HashSet<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add((reader.GetGuid(0), reader.GetInt64(1)));
        return inserted;
    }
}
