using Kasse.Grains.Forms.Definitions;
using Kasse.Grains.Forms.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Forms;

/// <summary>The services of guided forms: compiled definitions, session event log, submissions and files.</summary>
public static class FormServices
{
    public static IServiceCollection AddKasseForms(this IServiceCollection services, bool postgres)
    {
        services.AddKasseFormDefinitions(postgres); // h11-engine

        // Sessions (h11-session): the event log, files and submissions — PostgreSQL when configured, memory otherwise.
        if (postgres)
        {
            services.AddSingleton<IFormSessionLog, PostgresFormSessionLog>();
            services.AddSingleton<IFormFileStore, PostgresFormFileStore>();
            services.AddSingleton<IFormSubmissionStore, PostgresFormSubmissionStore>();
        }
        else
        {
            services.AddSingleton<IFormSessionLog, InMemoryFormSessionLog>();
            services.AddSingleton<IFormFileStore, InMemoryFormFileStore>();
            services.AddSingleton<IFormSubmissionStore, InMemoryFormSubmissionStore>();
        }
        return services;
    }
}
