using Kasse.Silo.Demo;
using Kasse.Silo.Hosting;
using Kasse.Web;

namespace Kasse.Silo;

/// <summary>Builds the whole server (silo + gateway); used by <c>Program</c>, the tests and the benchmark tool.</summary>
public static class KasseServer
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The host's files (wwwroot, appsettings.json) travel with the assembly, whatever the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddKasseLogging();
        builder.CheckEinmalPinServerSecret();
        builder.AddKasseOrleans();
        builder.AddKasseTelemetry();
        builder.AddKasseHealthChecks();
        builder.AddKasseWeb();
        builder.AddKassePrivacy();
        builder.AddKasseDemoData();
        builder.AddKasseServiceHours();
        builder.AddKasseEinmalPinWeb();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseKasseWeb();
        app.MapKasseHealthChecks();
        app.MapKasseDashboard();
        app.MapKasseWeb();
        return app;
    }

    /// <summary>Applies migrations (PostgreSQL only) and starts serving.</summary>
    public static async Task StartWithMigrationsAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.ApplyMigrationsAsync();
        await app.StartAsync(cancellationToken);
    }
}
