using Kasse.Campaigns;
using Kasse.Grains.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The journey events in <c>journey_events</c> (append-only). Appends from all journey owners of this silo are
/// group-committed: one multi-row insert per round trip. A retried event id is skipped by the unique index
/// (<c>ON CONFLICT (customer_key, event_id) DO NOTHING</c>) and answers false; a taken seq fails its caller (a second
/// writer would be a bug, never hidden).
/// </summary>
public sealed class PostgresJourneyEventStore : IJourneyEventStore, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const string Columns = "customer_key, seq, event_id, kind, tariff, page, channel, at";
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<JourneyEvent, bool> _writer;

    public PostgresJourneyEventStore(NpgsqlDataSource dataSource, ILogger<PostgresJourneyEventStore> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "journey_events", MaxBatch, _ => 1, InsertAsync, logger);
    }

    public Task<bool> AppendAsync(JourneyEvent journeyEvent, CancellationToken cancellationToken = default) =>
        _writer.AppendAsync(journeyEvent).WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<JourneyEvent>> ReadAsync(string customerKey, long afterSeq, int max, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM journey_events WHERE customer_key = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter { Value = customerKey });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<JourneyTail> ReadTailAsync(string customerKey, CancellationToken cancellationToken = default)
    {
        // One statement (prepared statements hold one): both walk the primary key backwards from the newest row.
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT m.last_seq, j.*
            FROM (SELECT coalesce(max(seq), 0) AS last_seq FROM journey_events WHERE customer_key = $1) m
            LEFT JOIN LATERAL (
                SELECT {Columns} FROM journey_events WHERE customer_key = $1 AND kind = $2 ORDER BY seq DESC LIMIT 1) j ON true
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = customerKey });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)JourneyEventKind.TariffViewed });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new JourneyTail(reader.GetInt64(0), reader.IsDBNull(1) ? null : Read(reader, 1));
    }

    public async Task<JourneyEvent?> FindAsync(string customerKey, string eventId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM journey_events WHERE customer_key = $1 AND event_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = customerKey });
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        var found = await ReadEventsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static async Task<List<JourneyEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<JourneyEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            events.Add(Read(reader));
        return events;
    }

    private static JourneyEvent Read(NpgsqlDataReader reader, int first = 0) => new(
        reader.GetString(first),
        reader.GetInt64(first + 1),
        reader.GetString(first + 2),
        (JourneyEventKind)reader.GetInt16(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        reader.IsDBNull(first + 6) ? "" : reader.GetString(first + 6),
        reader.GetFieldValue<DateTimeOffset>(first + 7));

    private static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<JourneyEvent, bool>> batch)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO journey_events ({Columns})
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
            ON CONFLICT (customer_key, event_id) DO NOTHING
            RETURNING customer_key, event_id
            """,
            connection);
        var rows = batch.Select(p => p.Item).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.CustomerKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Tariff).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Page).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Channel).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At).ToArray() });
        var inserted = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                inserted.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var append in batch)
            append.Done.TrySetResult(inserted.Contains((append.Item.CustomerKey, append.Item.EventId)));
    }
}
