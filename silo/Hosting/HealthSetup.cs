using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Kasse.Silo.Hosting;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: silo active and PostgreSQL reachable.</summary>
public static class HealthSetup
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddKasseHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag]);
        if (builder.Configuration.PostgresConnectionString() is { } postgres)
            checks.AddTypeActivatedCheck<PostgresHealthCheck>("postgresql", failureStatus: null, tags: [ReadyTag], args: postgres);
        return builder;
    }

    public static WebApplication MapKasseHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
