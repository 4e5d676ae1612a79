using Npgsql;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>Version documents in the append-only table <c>form_definition_versions</c> (migration 0015).</summary>
public sealed class PostgresFormDefinitionStore(NpgsqlDataSource dataSource) : IFormDefinitionStore
{
    public async Task SaveAsync(string name, int version, string documentJson)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO form_definition_versions (name, version, document, created_at) VALUES ($1, $2, $3, now()) ON CONFLICT (name, version) DO NOTHING");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(documentJson);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string?> LoadAsync(string name, int version)
    {
        await using var command = dataSource.CreateCommand("SELECT document FROM form_definition_versions WHERE name = $1 AND version = $2");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(version);
        return await command.ExecuteScalarAsync() as string;
    }
}
