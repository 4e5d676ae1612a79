using Kasse.Silo.Storage;

namespace Kasse.Silo.Hosting;

/// <summary>
/// <c>Kasse.Silo.dll migrate</c>: a database tool. It reads only configuration (appsettings, environment, command line)
/// — the connection string of the schema owner and <c>Database:ApplicationRole</c> — applies the schema, grants the
/// application role its privileges, and exits. No web host, no silo, no authentication settings needed.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args.Where(a => a != Name).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kasse.Migrate");
        if (builder.Configuration.PostgresConnectionString() is not { } postgres)
        {
            await Console.Error.WriteLineAsync($"migrate: ConnectionStrings:{KasseStorage.ConnectionStringName} is not configured.");
            return 2;
        }
        var options = DatabaseOptions.From(builder.Configuration);
        try
        {
            await DatabaseMigrator.ApplyAsync(postgres, logger, CancellationToken.None, options.ApplicationRole);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or SchemaOutdatedException)
        {
            await Console.Error.WriteLineAsync($"migrate: {e.Message}");
            return 1;
        }
        await Console.Out.WriteLineAsync($"migrate: schema at version {DatabaseMigrator.RequiredVersion}"
            + (options.ApplicationRole is { Length: > 0 } role ? $", privileges granted to {role}" : ""));
        return 0;
    }
}
