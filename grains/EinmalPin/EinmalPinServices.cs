using Kasse.Grains.EinmalPin.Import;
using Kasse.Grains.EinmalPin.Letters;
using Kasse.Grains.EinmalPin.PrintOutput;
using Kasse.Grains.EinmalPin.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

        // h12-case: case events, case-session token issuing is in web.

        // h12-results: results reader.
        _ = postgres;
        return services;
    }
}
