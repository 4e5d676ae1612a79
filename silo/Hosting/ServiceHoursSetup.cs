using Kasse.Grains.Inbox;

namespace Kasse.Silo.Hosting;

/// <summary>
/// Service hours (<c>Inbox:ServiceHours</c>, see docs/routing.md). In Development — the embedded demo, benchmarks,
/// development clusters — the chat is always open unless <c>Inbox:ServiceHours:AlwaysOpen</c> says otherwise, so that
/// someone trying the demo in the evening can still chat; elsewhere the configured hours apply (Mon–Fri 08–18 Berlin).
/// </summary>
public static class ServiceHoursSetup
{
    public static WebApplicationBuilder AddKasseServiceHours(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
            builder.Services.PostConfigure<ServiceHoursOptions>(o => o.AlwaysOpen ??= true);
        return builder;
    }
}
