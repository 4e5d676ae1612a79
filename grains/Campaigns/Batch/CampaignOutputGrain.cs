using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;
using Orleans.Concurrency;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// Builds output pages from <c>campaign_contacts</c> and the master data (addresses, e-mail, phone are read only here,
/// for the file the integrator fetches). Stateless: any silo serves any page.
/// </summary>
[StatelessWorker]
public sealed class CampaignOutputGrain(ICampaignContactStore contacts, ICustomerMasterStore masterData, ICampaignVersionStore versions)
    : Grain, ICampaignOutputGrain
{
    public const int MaxPage = 2_000;

    public async Task<CampaignOutputPage> ReadCsvPage(Guid runId, ContactChannel channel, string? after, int max)
    {
        var campaignId = this.GetPrimaryKeyString();
        var header = CampaignOutputCsv.Header(channel);
        var definitions = await versions.ListAsync(campaignId);
        if (definitions.Count == 0)
            throw new CampaignException(CampaignErrors.CampaignNotFound, "Diese Kampagne gibt es nicht.");
        var page = await contacts.ReadChannelPageAsync(runId, channel, after, Math.Clamp(max, 1, MaxPage));
        var masters = await Task.WhenAll(page.Select(c => masterData.GetAsync(c.CustomerKey)));
        var variants = Variants(definitions);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        if (after is null)
            text.Write(header);
        var rows = 0;
        for (var i = 0; i < page.Count; i++)
        {
            // A customer the data warehouse no longer delivers gets no line: there is nobody to address.
            if (masters[i] is not { } master)
                continue;
            text.Write(CampaignOutputCsv.Row(channel, page[i], master, page[i].VariantId is { } id ? variants.GetValueOrDefault(id) : null));
            rows++;
        }
        return new CampaignOutputPage(text.ToString(), rows, page.Count < Math.Clamp(max, 1, MaxPage) ? null : page[^1].CustomerKey);
    }

    /// <summary>Every variant by id, the newest version's text winning (a run that went on after an edit used the newer text).</summary>
    private static Dictionary<string, ContentVariant> Variants(IReadOnlyList<CampaignVersionRecord> definitions)
    {
        var variants = new Dictionary<string, ContentVariant>(StringComparer.Ordinal);
        foreach (var record in definitions.OrderBy(d => d.Version))
        {
            foreach (var variant in CampaignJson.Deserialize(record.DefinitionJson)?.TargetGroups.SelectMany(g => g.Variants) ?? [])
                variants[variant.Id] = variant;
        }
        return variants;
    }
}
