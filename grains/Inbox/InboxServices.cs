using Kasse.Grains.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The services of the inbox grains: the history (PostgreSQL when configured, memory otherwise), timings, and the
/// service hours (<c>Inbox:ServiceHours</c>).
/// </summary>
public static class InboxServices
{
    public static IServiceCollection AddKasseInbox(this IServiceCollection services, bool postgres)
    {
        services.TryAddSingleton(new RoutingOptions());
        services.TryAddSingleton(new SupervisionOptions());
        services.AddSingleton<SupervisionPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<SupervisionPublisher>());
        services.AddSingleton<RoutingDecision>();
        services.AddOptions<ServiceHoursOptions>().BindConfiguration(ServiceHoursOptions.Section);
        services.AddSingleton(sp => new ServiceHoursCalendar(
            sp.GetRequiredService<IOptions<ServiceHoursOptions>>().Value,
            sp.GetKeyedService<TimeProvider>(ServiceHoursCalendar.ClockKey) ?? sp.GetRequiredService<TimeProvider>()));
        if (postgres)
            services.AddSingleton<IWorkItemHistory, PostgresWorkItemHistory>();
        else
            services.AddSingleton<IWorkItemHistory, InMemoryWorkItemHistory>();
        return services;
    }
}
