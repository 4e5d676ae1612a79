using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>One page of a run's output file for a channel; <see cref="Next"/> is the key to go on after (null: the end).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Campaigns.Batch.CampaignOutputPage")]
public sealed record CampaignOutputPage([property: Id(0)] string Text, [property: Id(1)] int Rows, [property: Id(2)] string? Next);

/// <summary>Reads a campaign's outputs (key: campaign id) page by page, joined with the master data; for the integrator API.</summary>
[Alias("Kasse.Grains.Campaigns.Batch.ICampaignOutputGrain")]
public interface ICampaignOutputGrain : IGrainWithStringKey
{
    /// <summary>A page of the CSV (the header with the first page, <paramref name="after"/> null).</summary>
    [Alias("ReadCsvPage")]
    Task<CampaignOutputPage> ReadCsvPage(Guid runId, ContactChannel channel, string? after, int max);
}
