using Kasse.Silo.Hosting;

namespace Kasse.Silo.Demo;

/// <summary>Demo data: on by default in Development, switchable with <c>Demo:Enabled</c>.</summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddKasseDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Demo:Enabled", builder.Environment.IsDevelopment()))
        {
            builder.Services.AddHostedService<DemoDataSeeder>();
            // h13-dwh: the demo customers' master data, in the embedded default (PostgreSQL gets its data from the DWH).
            if (builder.Configuration.PostgresConnectionString() is null)
                builder.Services.AddHostedService<DwhDemoCustomers>();
        }
        return builder;
    }
}
