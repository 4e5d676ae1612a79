namespace Kasse.Silo.Demo;

/// <summary>Demo data: on by default in Development, switchable with <c>Demo:Enabled</c>.</summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddKasseDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Demo:Enabled", builder.Environment.IsDevelopment()))
            builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
