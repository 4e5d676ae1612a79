using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>
/// A batch run touches millions of customers once each: the customer grains it woke must not stay in memory after their
/// contact (ReserveAndConfirmContact deactivates them), while a grain that was awake for another reason keeps living.
/// </summary>
public sealed class BatchWokenCustomerGrainTests
{
    [Fact]
    public async Task Customer_grains_a_batch_run_woke_deactivate_after_their_contact_and_one_awake_before_stays()
    {
        await using var host = await KasseTestHost.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var customers = await CampaignHostRuns.LoadPopulationAsync(host, 40, "wake", "28195");
        // Someone in the portal: this grain was awake before the run and is not the batch's to send away.
        var awake = grains.GetGrain<ICustomerGrain>(customers[0].CustomerKey);
        await awake.GetContactView();
        var campaign = grains.GetGrain<ICampaignGrain>("wake-magazin");
        await campaign.Save(CampaignSamples.Magazine(postalCode: "28195", controlPercent: 0), "admin");

        var done = await CampaignHostRuns.RunToEndAsync(campaign);

        Assert.Equal(customers.Count, done.CurrentRun!.Contacted.Values.Sum());
        var management = grains.GetGrain<IManagementGrain>(0);
        var keys = customers.Select(c => c.CustomerKey).ToHashSet(StringComparer.Ordinal);
        var stillActive = await Eventually.ReturnsAsync(
            async () => (await management.GetActiveGrains(awake.GetGrainId().Type)).Where(id => keys.Contains(id.Key.ToString()!)).ToList(),
            active => active.Count == 1, TimeSpan.FromSeconds(30), "the customer grains the run woke to deactivate");
        Assert.Equal(awake.GetGrainId(), Assert.Single(stillActive));
    }
}
