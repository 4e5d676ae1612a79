using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Workspace;

/// <summary>The services of the agent workspace grains: the note store on PostgreSQL or in memory.</summary>
public static class WorkspaceServices
{
    public static IServiceCollection AddKasseWorkspace(this IServiceCollection services, bool postgres)
    {
        if (postgres)
            services.AddSingleton<IWorkItemNoteStore, PostgresWorkItemNoteStore>();
        else
            services.AddSingleton<IWorkItemNoteStore, InMemoryWorkItemNoteStore>();
        return services;
    }
}
