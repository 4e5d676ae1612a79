using Kasse.Grains.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kasse.Grains.Inbox;

/// <summary>The services of the inbox grains: the history (PostgreSQL when configured, memory otherwise) and timings.</summary>
public static class InboxServices
{
    public static IServiceCollection AddKasseInbox(this IServiceCollection services, bool postgres)
    {
        services.TryAddSingleton(new RoutingOptions());
        services.TryAddSingleton(new SupervisionOptions());
        services.AddSingleton<SupervisionPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<SupervisionPublisher>());
        services.AddSingleton<RoutingDecision>();
        if (postgres)
            services.AddSingleton<IWorkItemHistory, PostgresWorkItemHistory>();
        else
            services.AddSingleton<IWorkItemHistory, InMemoryWorkItemHistory>();
        return services;
    }
}
