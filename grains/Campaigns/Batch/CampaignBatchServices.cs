using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>The campaign part's services: versions and contacts in PostgreSQL or memory, the customer grain as contact gate.</summary>
public static class CampaignBatchServices
{
    public static IServiceCollection Add(IServiceCollection services, bool postgres)
    {
        if (postgres)
        {
            services.AddSingleton<ICampaignVersionStore>(sp => new PostgresCampaignVersionStore(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<ICampaignContactStore>(sp => new PostgresCampaignContactStore(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddSingleton<ICampaignVersionStore, InMemoryCampaignVersionStore>();
            services.AddSingleton<ICampaignContactStore, InMemoryCampaignContactStore>();
        }
        services.AddSingleton<ICampaignContactGate, CustomerGrainContactGate>();
        return services;
    }
}
