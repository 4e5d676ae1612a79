using System.Text.Json;
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

    public async Task<IReadOnlyList<RuleDecision>> ReadAsync(string subjectType, string subjectId, int max)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT decision::text FROM rule_decisions WHERE subject_type = $1 AND subject_id = $2 ORDER BY id LIMIT $3");
        command.Parameters.AddWithValue(subjectType);
        command.Parameters.AddWithValue(subjectId);
        command.Parameters.AddWithValue(max);
        await using var reader = await command.ExecuteReaderAsync();
        var decisions = new List<RuleDecision>();
        while (await reader.ReadAsync())
            decisions.Add(JsonSerializer.Deserialize<RuleDecision>(reader.GetString(0), RuleSetDocument.JsonOptions)!);
        return decisions;
    }
}
