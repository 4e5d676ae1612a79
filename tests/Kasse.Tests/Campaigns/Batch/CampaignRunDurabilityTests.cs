using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Batch;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>
/// A batch run on PostgreSQL whose page fails half-way (some contacts reserved, none written) and whose host then
/// stops: the next host goes on from the stored checkpoint, replays the page, and nobody is contacted twice.
/// </summary>
public sealed class CampaignRunDurabilityTests
{
    private const int Customers = CampaignGrain.PageSize * 3;

    /// <summary>In the second page: the first asks for about 95 % of a page (the rest is control).</summary>
    private const int FailAfter = CampaignGrain.PageSize * 7 / 5;

    [Fact]
    public async Task A_run_interrupted_mid_page_and_restarted_on_a_new_host_contacts_everyone_exactly_once()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("campaignrun");
        var clusterId = $"campaignrun-{Guid.NewGuid():N}";
        var master = await CampaignTestHosts.MasterWithAsync(CampaignSamples.Population(Customers, postalCode: "80331"));
        // The first host's customer grains become unreachable in the middle of the second page.
        var gate = new RecordingContactGate { FailAfterReserves = FailAfter };
        CampaignRunView interrupted;
        await using (var first = await CampaignTestHosts.StartAsync(gate, master, connectionString, clusterId))
        {
            var campaign = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>("magazin-neustart");
            await campaign.Save(CampaignSamples.Magazine(postalCode: "80331"), "admin");
            await campaign.Activate("admin");
            await Eventually.ReturnsAsync(() => Task.FromResult(gate.ReserveCalls), calls => calls > FailAfter, TimeSpan.FromSeconds(60), "the failing page");
            interrupted = (await Eventually.ReturnsAsync(campaign.GetView, v => v.CurrentRun?.Scanned > 0, TimeSpan.FromSeconds(60), "the first page")).CurrentRun!;
        }
        var confirmedBefore = gate.ConfirmedPerCustomer.Count;
        gate.FailAfterReserves = int.MaxValue;

        await using var second = await CampaignTestHosts.StartAsync(gate, master, connectionString, clusterId);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>("magazin-neustart");
        var done = await Eventually.ReturnsAsync(again.GetView, v => v.CurrentRun!.Status == CampaignRunStatus.Completed, TimeSpan.FromSeconds(90), "the resumed run to end");

        var run = done.CurrentRun!;
        Assert.Equal((CampaignRunStatus.Running, (long)CampaignGrain.PageSize), (interrupted.Status, interrupted.Scanned));
        Assert.Equal(interrupted.RunId, run.RunId);
        Assert.Equal(((long)Customers, (long)Customers), (run.Scanned, run.Targeted));
        Assert.Equal(Customers, run.ControlGroup + run.Contacted.Values.Sum());
        Assert.True(confirmedBefore < run.Contacted.Values.Sum());
        Assert.Equal(run.Contacted.Values.Sum(), gate.ConfirmedPerCustomer.Count);
        Assert.All(gate.ConfirmedPerCustomer.Values, count => Assert.Equal(1, count));
        Assert.Equal((long)Customers, await StorageTestSilo.ScalarAsync<long>(connectionString,
            "SELECT count(DISTINCT customer_key) FROM campaign_contacts WHERE run_id = @run", ("run", run.RunId)));
        Assert.Equal(run.ControlGroup, await StorageTestSilo.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM campaign_contacts WHERE run_id = @run AND control", ("run", run.RunId)));
        Assert.Equal(1L, await StorageTestSilo.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM campaign_versions WHERE campaign_id = 'magazin-neustart'"));
    }
}
