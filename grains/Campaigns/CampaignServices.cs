using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Journey;
using Kasse.Grains.Campaigns.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Campaigns;

/// <summary>The services of customers, contact policy, campaigns, next best action and journey (issue 13).</summary>
public static class CampaignServices
{
    public static IServiceCollection AddKasseCampaigns(this IServiceCollection services, bool postgres)
    {
        // ---- h13-dwh: master data store, import ----
        services.AddSingleton<ICustomerMasterStore, InMemoryCustomerMasterStore>();

        // ---- h13-policy: ledger store, active policy ----
        services.AddSingleton<ICustomerEventStore, InMemoryCustomerEventStore>();
        services.AddSingleton<IActiveContactPolicy>(new FixedContactPolicy(
            new ContactPolicyVersion(1, DefaultContactPolicy.Document, DateTimeOffset.UnixEpoch, "system")));

        // ---- h13-campaign ----
        Batch.CampaignBatchServices.Add(services, postgres);

        // ---- h13-nba ----

        // ---- h13-journey ----
        services.AddSingleton<IJourneyEventStore, InMemoryJourneyEventStore>();
        _ = postgres;
        return services;
    }
}
