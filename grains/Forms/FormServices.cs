using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Forms;

/// <summary>The services of guided forms: compiled definitions, session event log, submissions and files.</summary>
public static class FormServices
{
    public static IServiceCollection AddKasseForms(this IServiceCollection services, bool postgres)
    {
        // Definitions (h11-engine) and sessions (h11-session) register here.
        _ = postgres;
        return services;
    }
}
