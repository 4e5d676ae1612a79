using System.Text.Json;
using Kasse.Grains.Storage;
using Kasse.Rules;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Rules;

/// <summary>
/// Decisions in the append-only table <c>rule_decisions</c>. Decisions from all callers of this silo are inserted
/// together, one statement per round trip (<see cref="GroupCommitWriter{TItem, TResult}"/>); an append completes once its
/// decision is committed.
/// </summary>
public sealed class PostgresDecisionLog : IDecisionLog, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const string Columns = "subject_type, subject_id, rule_set, version, outcome, decided_at, decision";
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<(string SubjectType, string SubjectId, RuleDecision Decision), bool> _writer;

    public PostgresDecisionLog(NpgsqlDataSource dataSource, ILogger<PostgresDecisionLog> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "rule_decisions", MaxBatch, _ => 1, InsertAsync, logger);
    }

    public Task AppendAsync(string subjectType, string subjectId, RuleDecision decision) =>
        _writer.AppendAsync((subjectType, subjectId, decision));

    public async Task<IReadOnlyList<RuleDecision>> ReadAsync(string subjectType, string subjectId, int max) =>
        await _dataSource.ReadBySubjectAsync(
            "rule_decisions", "decision::text", subjectType, subjectId, max,
            reader => JsonSerializer.Deserialize<RuleDecision>(reader.GetString(0), RuleSetDocument.JsonOptions)!);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static async Task InsertAsync(
        NpgsqlConnection connection, IReadOnlyList<GroupCommit<(string SubjectType, string SubjectId, RuleDecision Decision), bool>> batch)
    {
        // In the callers' order, so the ids follow it.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO rule_decisions ({Columns})
            SELECT {Columns} FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::jsonb[])
                WITH ORDINALITY AS rows({Columns}, ordinal)
            ORDER BY ordinal
            """,
            connection);
        var rows = batch.Select(p => p.Item).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.SubjectType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.SubjectId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Decision.RuleSet).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Decision.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Decision.Outcome.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Decision.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = rows.Select(r => JsonSerializer.Serialize(r.Decision, RuleSetDocument.JsonOptions)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync();
        foreach (var append in batch)
            append.Done.TrySetResult(true);
    }
}
