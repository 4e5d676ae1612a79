using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>The JSON form of a campaign definition as stored in <c>campaign_versions</c> (camelCase, enums by name).</summary>
public static class CampaignJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(CampaignDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static CampaignDefinition? Deserialize(string json) => JsonSerializer.Deserialize<CampaignDefinition>(json, Options);
}
