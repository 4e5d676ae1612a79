using System.Text.Json;
using Kasse.Grains.Storage;
using Kasse.Rules;
using Npgsql;

namespace Kasse.Grains.Rules;

/// <summary>Decisions in the append-only table <c>rule_decisions</c>.</summary>
public sealed class PostgresDecisionLog(NpgsqlDataSource dataSource) : IDecisionLog
{
    public async Task AppendAsync(string subjectType, string subjectId, RuleDecision decision)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO rule_decisions (subject_type, subject_id, rule_set, version, outcome, decided_at, decision) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)");
        command.Parameters.AddWithValue(subjectType);
        command.Parameters.AddWithValue(subjectId);
        command.Parameters.AddWithValue(decision.RuleSet);
        command.Parameters.AddWithValue((object?)decision.Version ?? DBNull.Value);
        command.Parameters.AddWithValue(decision.Outcome.ToString());
        command.Parameters.AddWithValue(decision.At);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(decision, RuleSetDocument.JsonOptions));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<RuleDecision>> ReadAsync(string subjectType, string subjectId, int max) =>
        await dataSource.ReadBySubjectAsync(
            "rule_decisions", "decision::text", subjectType, subjectId, max,
            reader => JsonSerializer.Deserialize<RuleDecision>(reader.GetString(0), RuleSetDocument.JsonOptions)!);
}
