using Kasse.Silo.Storage;

namespace Kasse.Silo.Hosting;

/// <summary>Applies the PostgreSQL schema at start-up, or alone with <c>dotnet run --project silo -- migrate</c>.</summary>
public static class MigrationSetup
{
    public static async Task ApplyMigrationsAsync(this WebApplication app)
    {
        if (app.Configuration.PostgresConnectionString() is { } postgres)
            await DatabaseMigrator.ApplyAsync(postgres, app.Logger, app.Lifetime.ApplicationStopping);
    }

    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        if (app.Configuration.PostgresConnectionString() is null)
        {
            await Console.Error.WriteLineAsync($"migrate: ConnectionStrings:{KasseStorage.ConnectionStringName} is not configured.");
            return 2;
        }
        await app.ApplyMigrationsAsync();
        return 0;
    }
}
