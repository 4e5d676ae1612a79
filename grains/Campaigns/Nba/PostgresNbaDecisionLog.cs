using Kasse.Campaigns;
using Kasse.Grains.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// Decisions in <c>nba_decisions</c>, appended by group commit (the decisions of many callers in one statement),
/// outcomes in <c>nba_outcomes</c>.
/// </summary>
public sealed class PostgresNbaDecisionLog : INbaDecisionLog, IAsyncDisposable
{
    private const int MaxBatch = 1_000;
    private const string Columns =
        "decision_id, offer_id, customer_key, at, channel, source, placement, contact_id, rank, probability, score, candidates, catalog_version";

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<IReadOnlyList<NbaDecisionRecord>, bool> _writer;

    public PostgresNbaDecisionLog(NpgsqlDataSource dataSource, ILogger<PostgresNbaDecisionLog> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "nba_decisions", MaxBatch, records => records.Count, InsertAsync, logger);
    }

    public Task AppendDecisionsAsync(IReadOnlyList<NbaDecisionRecord> records) => _writer.AppendAsync(records);

    public async Task<NbaDecisionRecord?> FindAsync(Guid decisionId, string offerId)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM nba_decisions WHERE decision_id = $1 AND offer_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = decisionId });
        command.Parameters.Add(new NpgsqlParameter { Value = offerId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<bool> AppendOutcomeAsync(NbaOutcomeRecord record)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO nba_outcomes (decision_id, outcome_id, offer_id, outcome, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = record.DecisionId });
        command.Parameters.Add(new NpgsqlParameter { Value = record.OutcomeId });
        command.Parameters.Add(new NpgsqlParameter { Value = record.OfferId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)record.Outcome });
        command.Parameters.Add(new NpgsqlParameter { Value = record.At });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<IReadOnlyList<NbaDecisionRecord>> ReadRecentAsync(int max)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM nba_decisions ORDER BY at DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<NbaDecisionRecord>();
        while (await reader.ReadAsync())
            records.Add(Read(reader));
        return records;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static NbaDecisionRecord Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
        (ContactChannel)reader.GetInt16(4), (ContactSource)reader.GetInt16(5), reader.GetString(6), reader.GetString(7),
        reader.GetInt16(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetInt16(11), reader.GetInt32(12));

    private static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<IReadOnlyList<NbaDecisionRecord>, bool>> batch)
    {
        var rows = batch.SelectMany(p => p.Item).ToArray();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO nba_decisions ({Columns})
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::smallint[], $6::smallint[], $7::text[],
                $8::text[], $9::smallint[], $10::float8[], $11::float8[], $12::smallint[], $13::int[])
            ON CONFLICT DO NOTHING
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.DecisionId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.OfferId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.CustomerKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Channel).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Placement).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.ContactId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Rank).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Probability).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Score).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (short)r.Candidates).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.CatalogVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync();
        foreach (var append in batch)
            append.Done.TrySetResult(true);
    }
}
