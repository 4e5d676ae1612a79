using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Campaigns.Nba;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The catalogue versions in <c>offer_catalog_versions</c> (the document as JSON).</summary>
public sealed class PostgresOfferCatalogStore(NpgsqlDataSource dataSource) : IOfferCatalogStore
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<bool> AppendAsync(OfferCatalogVersion version)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO offer_catalog_versions (version, document, published_at, published_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = version.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(version.Document, JsonOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = version.PublishedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = version.PublishedBy });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<IReadOnlyList<OfferCatalogVersion>> ReadNewestAsync(int max)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, document::text, published_at, published_by FROM offer_catalog_versions ORDER BY version DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<OfferCatalogVersion>();
        while (await reader.ReadAsync())
            versions.Add(new OfferCatalogVersion(
                reader.GetInt32(0),
                JsonSerializer.Deserialize<OfferCatalogDocument>(reader.GetString(1), JsonOptions)!,
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3)));
        return versions;
    }
}
