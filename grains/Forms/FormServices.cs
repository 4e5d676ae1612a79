using Kasse.Grains.Forms.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Forms;

/// <summary>The services of guided forms: compiled definitions, session event log, submissions and files.</summary>
public static class FormServices
{
    public static IServiceCollection AddKasseForms(this IServiceCollection services, bool postgres)
    {
        services.AddKasseFormDefinitions(postgres); // h11-engine
        // Sessions (h11-session) register here.
        return services;
    }
}
