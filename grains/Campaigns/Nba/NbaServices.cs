using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The services of the next-best-action engine: memory stores in the embedded default, PostgreSQL otherwise.</summary>
public static class NbaServices
{
    public static IServiceCollection AddKasseNba(this IServiceCollection services, bool postgres)
    {
        services.AddSingleton<ActiveOfferCatalog>();
        services.AddSingleton<OfferPosteriors>();
        services.AddSingleton<SelectionProbabilities>();
        services.AddSingleton<NbaChooser>();
        services.AddSingleton<NextBestActionEngine>();
        services.AddSingleton<INbaCustomers, CustomerGrainContacts>();
        if (postgres)
        {
            services.AddSingleton<IOfferCatalogStore, PostgresOfferCatalogStore>();
            services.AddSingleton<INbaDecisionLog, PostgresNbaDecisionLog>();
            services.AddSingleton<IOfferRewardStore, PostgresOfferRewardStore>();
        }
        else
        {
            services.AddSingleton<IOfferCatalogStore, InMemoryOfferCatalogStore>();
            services.AddSingleton<INbaDecisionLog, InMemoryNbaDecisionLog>();
            services.AddSingleton<IOfferRewardStore, InMemoryOfferRewardStore>();
        }
        return services;
    }
}
