using System.Text.Json.Nodes;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

// The version history: read from campaign_versions (the grain state holds only the current definition).
public sealed partial class CampaignGrain
{
    public async Task<IReadOnlyList<CampaignVersionView>> GetVersions()
    {
        RequireSaved();
        var records = await versions.ListAsync(Id);
        var views = new List<CampaignVersionView>(records.Count);
        JsonObject? before = null;
        foreach (var record in records.OrderBy(r => r.Version))
        {
            var json = JsonNode.Parse(record.DefinitionJson)?.AsObject() ?? [];
            var definition = CampaignJson.Deserialize(record.DefinitionJson)
                ?? throw new InvalidOperationException($"campaign {Id} version {record.Version} is not a definition");
            views.Add(new CampaignVersionView(record.Version, record.SavedBy, record.SavedAt, ChangedFields(before, json), definition));
            before = json;
        }
        return views;
    }

    /// <summary>The top-level fields that differ from the version before (all present ones for the first version).</summary>
    private static List<string> ChangedFields(JsonObject? before, JsonObject after) =>
        after.Select(p => p.Key)
            .Concat(before?.Select(p => p.Key) ?? [])
            .Distinct(StringComparer.Ordinal)
            .Where(name => before is null || !JsonNode.DeepEquals(before[name], after[name]))
            .ToList();
}
