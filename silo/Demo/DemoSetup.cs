using Kasse.Grains.Inbox;

namespace Kasse.Silo.Demo;

/// <summary>
/// Demo data: on by default in Development, switchable with <c>Demo:Enabled</c>. The demo's chat is always open unless
/// <c>Inbox:ServiceHours:AlwaysOpen</c> is set: someone trying it in the evening can still chat (and the callback
/// path is shown by setting it to false).
/// </summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddKasseDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Demo:Enabled", builder.Environment.IsDevelopment()))
        {
            builder.Services.AddHostedService<DemoDataSeeder>();
            builder.Services.PostConfigure<ServiceHoursOptions>(o => o.AlwaysOpen ??= true);
        }
        return builder;
    }
}
