using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kasse.Grains.EinmalPin;

/// <summary>The services of the EinmalPIN procedure: stores (PostgreSQL when configured, memory otherwise) and secrets.</summary>
public static class EinmalPinServices
{
    public static IServiceCollection AddKasseEinmalPin(this IServiceCollection services, bool postgres)
    {
        services.AddOptions<EinmalPinOptions>().BindConfiguration(EinmalPinOptions.Section);

        // h12-import: IPinCaseStore (Postgres: binary COPY; memory), import file chunks, import errors.

        // h12-letters: IPinSecrets, IPinSecretStore, print output store, server secret.

        // h12-case: case events, the login clock; case-session token issuing is in web.
        services.TryAddSingleton(sp => new PinClock(sp.GetKeyedService<TimeProvider>(PinClock.Key) ?? sp.GetRequiredService<TimeProvider>()));
        if (postgres)
            services.AddSingleton<IPinCaseEventStore, PostgresPinCaseEventStore>();
        else
            services.AddSingleton<IPinCaseEventStore, InMemoryPinCaseEventStore>();

        // h12-results: results reader.
        _ = postgres;
        return services;
    }
}
