using Kasse.Campaigns;
using Kasse.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>The policy versions in <c>contact_policy_versions</c> (0021), append-only.</summary>
public sealed class PostgresContactPolicyStore(NpgsqlDataSource dataSource) : IContactPolicyStore
{
    public async Task<IReadOnlyList<ContactPolicyVersion>> ReadAllAsync()
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, document::text, published_at, published_by FROM contact_policy_versions ORDER BY version");
        return await command.ReadListAsync(reader => new ContactPolicyVersion(
            reader.GetInt32(0), ContactPolicyJson.Parse(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
    }

    public async Task<bool> AppendAsync(ContactPolicyVersion version)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO contact_policy_versions (version, document, published_at, published_by) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING");
        command.Parameters.AddWithValue(version.Version);
        command.Parameters.Add(new NpgsqlParameter { Value = ContactPolicyJson.Serialize(version.Document), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.AddWithValue(version.PublishedAt);
        command.Parameters.AddWithValue(version.PublishedBy);
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
