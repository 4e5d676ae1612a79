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
        services.AddOptions<DwhOptions>().BindConfiguration(DwhOptions.Section);
        if (postgres)
        {
            services.AddSingleton<ICustomerMasterStore, PostgresCustomerMasterStore>();
            services.AddSingleton<IDwhRejectionStore, PostgresDwhRejectionStore>();
            services.AddSingleton<IDwhImportChunkStore, PostgresDwhImportChunkStore>();
        }
        else
        {
            services.AddSingleton<ICustomerMasterStore, InMemoryCustomerMasterStore>();
            services.AddSingleton<IDwhRejectionStore, InMemoryDwhRejectionStore>();
            services.AddSingleton<IDwhImportChunkStore, InMemoryDwhImportChunkStore>();
        }
        services.AddHostedService<DwhNightlySchedule>();

        // ---- h13-policy: ledger store, active policy ----
        if (postgres)
            services.AddSingleton<ICustomerEventStore, PostgresCustomerEventStore>();
        else
            services.AddSingleton<ICustomerEventStore, InMemoryCustomerEventStore>();
        if (postgres)
            services.AddSingleton<IContactPolicyStore, PostgresContactPolicyStore>();
        else
            services.AddSingleton<IContactPolicyStore, InMemoryContactPolicyStore>();
        // Until its first refresh a silo decides under the default, which is what a new installation publishes as version 1.
        services.AddSingleton(new ContactPolicyCache(
            new ContactPolicyVersion(1, DefaultContactPolicy.Document, DateTimeOffset.UnixEpoch, ContactPolicyGrain.SystemPublisher)));
        services.AddSingleton<IActiveContactPolicy>(sp => sp.GetRequiredService<ContactPolicyCache>());
        services.AddHostedService<ContactPolicyWatcher>();

        // ---- h13-campaign ----
        Batch.CampaignBatchServices.Add(services, postgres);

        // ---- h13-nba ----
        Nba.NbaServices.AddKasseNba(services, postgres);

        // ---- h13-journey ----
        services.AddSingleton(new JourneyOptions());
        services.AddSingleton<IJourneyNotifier, StreamJourneyNotifier>();
        services.AddSingleton<ICampaignTriggers, DirectoryCampaignTriggers>();
        if (postgres)
        {
            services.AddSingleton<IJourneyEventStore, PostgresJourneyEventStore>();
            services.AddSingleton<IJourneyReports, PostgresJourneyReports>();
        }
        else
        {
            services.AddSingleton<IJourneyEventStore, InMemoryJourneyEventStore>();
            services.AddSingleton<IJourneyReports, InMemoryJourneyReports>();
        }
        return services;
    }
}
