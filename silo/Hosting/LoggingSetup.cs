namespace Kasse.Silo.Hosting;

/// <summary>
/// Structured logs. Log messages carry ids of technical objects only (grain ids are opaque), never names, birth dates
/// or message texts of insured persons.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddKasseLogging(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Logging:Json", !builder.Environment.IsDevelopment()))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        return builder;
    }
}
