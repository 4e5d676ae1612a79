using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>One stored version of a campaign definition (JSON, see <see cref="CampaignJson"/>).</summary>
public sealed record CampaignVersionRecord(string CampaignId, int Version, string DefinitionJson, string SavedBy, DateTimeOffset SavedAt);

/// <summary>
/// The definitions of every campaign, every version kept (<c>campaign_versions</c>, append-only, written only by the
/// campaign's grain). The grain state holds only the current one.
/// </summary>
public interface ICampaignVersionStore
{
    Task AppendAsync(CampaignVersionRecord record, CancellationToken cancellationToken = default);

    Task<CampaignVersionRecord?> GetAsync(string campaignId, int version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CampaignVersionRecord>> ListAsync(string campaignId, CancellationToken cancellationToken = default);
}

public sealed class InMemoryCampaignVersionStore : ICampaignVersionStore
{
    private readonly ConcurrentDictionary<(string, int), CampaignVersionRecord> _versions = new();

    public Task AppendAsync(CampaignVersionRecord record, CancellationToken cancellationToken = default)
    {
        _versions.TryAdd((record.CampaignId, record.Version), record);
        return Task.CompletedTask;
    }

    public Task<CampaignVersionRecord?> GetAsync(string campaignId, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.GetValueOrDefault((campaignId, version)));

    public Task<IReadOnlyList<CampaignVersionRecord>> ListAsync(string campaignId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignVersionRecord>>(_versions.Values.Where(v => v.CampaignId == campaignId).OrderBy(v => v.Version).ToList());
}

public sealed class PostgresCampaignVersionStore(NpgsqlDataSource dataSource) : ICampaignVersionStore
{
    public async Task AppendAsync(CampaignVersionRecord record, CancellationToken cancellationToken = default)
    {
        // A retried save of the same version is a no-op (the grain writes its state after this append).
        await using var command = dataSource.CreateCommand(
            "INSERT INTO campaign_versions (campaign_id, version, definition, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue(record.CampaignId);
        command.Parameters.AddWithValue(record.Version);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = record.DefinitionJson });
        command.Parameters.AddWithValue(record.SavedBy);
        command.Parameters.AddWithValue(record.SavedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CampaignVersionRecord?> GetAsync(string campaignId, int version, CancellationToken cancellationToken = default)
    {
        var found = await ReadAsync("WHERE campaign_id = $1 AND version = $2", campaignId, version, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<CampaignVersionRecord>> ListAsync(string campaignId, CancellationToken cancellationToken = default) =>
        ReadAsync("WHERE campaign_id = $1", campaignId, null, cancellationToken);

    private async Task<IReadOnlyList<CampaignVersionRecord>> ReadAsync(string where, string campaignId, int? version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT campaign_id, version, definition::text, saved_by, saved_at FROM campaign_versions {where} ORDER BY version");
        command.Parameters.AddWithValue(campaignId);
        if (version is { } v)
            command.Parameters.AddWithValue(v);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<CampaignVersionRecord>();
        while (await reader.ReadAsync(cancellationToken))
            records.Add(new CampaignVersionRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        return records;
    }
}
