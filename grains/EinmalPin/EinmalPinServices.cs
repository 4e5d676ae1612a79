using Kasse.Grains.EinmalPin.Import;
using Kasse.Grains.EinmalPin.Letters;
using Kasse.Grains.EinmalPin.PrintOutput;
using Kasse.Grains.EinmalPin.Results;
using Kasse.Grains.EinmalPin.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Kasse.Grains.EinmalPin;

/// <summary>The services of the EinmalPIN procedure: stores (PostgreSQL when configured, memory otherwise) and secrets.</summary>
public static class EinmalPinServices
{
    public static IServiceCollection AddKasseEinmalPin(this IServiceCollection services, bool postgres)
    {
        services.AddOptions<EinmalPinOptions>().BindConfiguration(EinmalPinOptions.Section);

        // h12-import: IPinCaseStore (Postgres: binary COPY; memory), import file chunks, import errors.
        if (postgres)
        {
            services.AddSingleton<IPinCaseStore, PostgresPinCaseStore>();
            services.AddSingleton<IPinImportChunkStore, PostgresPinImportChunkStore>();
            services.AddSingleton<IPinImportErrorStore, PostgresPinImportErrorStore>();
        }
        else
        {
            services.AddSingleton<IPinCaseStore, InMemoryPinCaseStore>();
            services.AddSingleton<IPinImportChunkStore, InMemoryPinImportChunkStore>();
            services.AddSingleton<IPinImportErrorStore, InMemoryPinImportErrorStore>();
        }

        // h12-letters: IPinSecrets, IPinSecretStore, print output store, server secret.
        services.AddSingleton<IPinServerSecret>(sp => new PinServerSecret(PinServerSecretSource.Load(
            sp.GetRequiredService<IConfiguration>(), postgres, sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false)));
        services.AddSingleton<PinSecrets>();
        services.AddSingleton<IPinSecrets>(sp => sp.GetRequiredService<PinSecrets>());
        services.AddSingleton(sp => new LetterFonts(
            sp.GetRequiredService<IConfiguration>()["Documents:FontPath"], sp.GetRequiredService<IConfiguration>()["Documents:MonoFontPath"]));
        if (postgres)
        {
            services.AddSingleton<IPinSecretStore, PostgresPinSecretStore>();
            services.AddSingleton<IPinPrintOutputStore, PostgresPinPrintOutputStore>();
        }
        else
        {
            services.AddSingleton<IPinSecretStore, InMemoryPinSecretStore>();
            services.AddSingleton<IPinPrintOutputStore, InMemoryPinPrintOutputStore>();
        }

        // h12-case: case events, the login clock; case-session token issuing is in web.
        services.TryAddSingleton(sp => new PinClock(sp.GetKeyedService<TimeProvider>(PinClock.Key) ?? sp.GetRequiredService<TimeProvider>()));
        if (postgres)
            services.AddSingleton<IPinCaseEventStore, PostgresPinCaseEventStore>();
        else
            services.AddSingleton<IPinCaseEventStore, InMemoryPinCaseEventStore>();

        // h12-results: results reader. In memory it reads the other stores through their scan interfaces (a store that
        // does not offer one reads as empty).
        if (postgres)
            services.AddSingleton<IPinResultsReader, PostgresPinResultsReader>();
        else
            services.AddSingleton<IPinResultsReader>(sp => new InMemoryPinResultsReader(
                sp.GetService<IPinCaseStore>() as IPinCaseScan,
                sp.GetService<IPinSecretStore>() as IPinSecretScan,
                sp.GetService<IPinCaseEventStore>() as IPinCaseEventScan));
        return services;
    }
}
