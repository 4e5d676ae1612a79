using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>The steps the end-to-end campaign tests share on an embedded host: master data in, a run to its end.</summary>
public static class CampaignHostRuns
{
    /// <summary>Stores <paramref name="count"/> customers in <paramref name="postalCode"/> as the DWH import would.</summary>
    public static async Task<IReadOnlyList<CustomerMasterRecord>> LoadPopulationAsync(KasseTestHost host, int count, string prefix, string postalCode)
    {
        var customers = CampaignSamples.Population(count, prefix, postalCode);
        await host.Services.GetRequiredService<ICustomerMasterStore>().UpsertAsync(customers, Guid.NewGuid());
        return customers;
    }

    /// <summary>Activates the saved campaign and waits until its run has completed.</summary>
    public static async Task<CampaignView> RunToEndAsync(ICampaignGrain campaign)
    {
        await campaign.Activate("admin");
        return await Eventually.ReturnsAsync(
            campaign.GetView, v => v.CurrentRun?.Status == CampaignRunStatus.Completed, TimeSpan.FromSeconds(60), "the run to end");
    }
}
