using Npgsql;

namespace Kasse.Grains.Rules;

/// <summary>Version documents in the append-only table <c>rule_set_versions</c>.</summary>
public sealed class PostgresRuleSetStore(NpgsqlDataSource dataSource) : IRuleSetStore
{
    public async Task SaveAsync(string ruleSet, int version, string documentJson)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO rule_set_versions (rule_set, version, document, created_at) VALUES ($1, $2, $3, now()) ON CONFLICT (rule_set, version) DO NOTHING");
        command.Parameters.AddWithValue(ruleSet);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(documentJson);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string?> LoadAsync(string ruleSet, int version)
    {
        await using var command = dataSource.CreateCommand("SELECT document FROM rule_set_versions WHERE rule_set = $1 AND version = $2");
        command.Parameters.AddWithValue(ruleSet);
        command.Parameters.AddWithValue(version);
        return await command.ExecuteScalarAsync() as string;
    }
}
