using Kasse.Grains.Campaigns.Batch;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>
/// The real server with the campaign's contact gate replaced by a <see cref="RecordingContactGate"/> (the customer
/// grain's contact policy is another part's) and a master-data store the test fills and may share between hosts.
/// </summary>
public static class CampaignTestHosts
{
    public static Task<KasseTestHost> StartAsync(RecordingContactGate gate, InMemoryCustomerMasterStore master, string? connectionString = null, string? clusterId = null)
    {
        // The test's own population only: no demo customers beside it.
        var settings = new Dictionary<string, string> { ["Demo:Customers"] = "false" };
        if (connectionString is not null)
            settings["ConnectionStrings:Kasse"] = connectionString;
        if (clusterId is not null)
            settings["Orleans:ClusterId"] = clusterId;
        return KasseTestHost.StartAsync(settings: settings, configure: builder =>
        {
            builder.Services.AddSingleton<ICampaignContactGate>(gate);
            builder.Services.AddSingleton<ICustomerMasterStore>(master);
        });
    }

    public static async Task<InMemoryCustomerMasterStore> MasterWithAsync(IReadOnlyList<CustomerMasterRecord> rows)
    {
        var master = new InMemoryCustomerMasterStore();
        await master.UpsertAsync(rows, Guid.NewGuid());
        return master;
    }
}
