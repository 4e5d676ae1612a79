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
            // The demo customers' master data, in the embedded default (PostgreSQL gets its data from the DWH);
            // Demo:Customers=false leaves the master data empty (tests that bring their own population).
            if (builder.Configuration.PostgresConnectionString() is null && builder.Configuration.GetValue("Demo:Customers", true))
                builder.Services.AddHostedService<DwhDemoCustomers>();
        }
        return builder;
    }
}
