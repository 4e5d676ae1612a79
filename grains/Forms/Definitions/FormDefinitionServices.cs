using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>The services of form definitions: compiled models per (name, version), version documents, shipped defaults.</summary>
public static class FormDefinitionServices
{
    public static IServiceCollection AddKasseFormDefinitions(this IServiceCollection services, bool postgres)
    {
        services.AddSingleton<IFormModels, FormModels>();
        services.AddHostedService<FormDefaultsPublisher>();
        if (postgres)
            services.AddSingleton<IFormDefinitionStore, PostgresFormDefinitionStore>();
        else
            services.AddSingleton<IFormDefinitionStore, InMemoryFormDefinitionStore>();
        return services;
    }
}
