using Kasse.Silo.Storage;

namespace Kasse.Silo.Hosting;

/// <summary>
/// The schema at start-up: applied in Development (or when <c>Database:MigrateOnStart</c> says so), else only checked —
/// a silo refuses to start on a schema older than its code. <c>migrate</c> (see <see cref="MigrateCommand"/>) applies it
/// as a deployment step.
/// </summary>
public static class MigrationSetup
{
    public static async Task ApplyMigrationsAsync(this WebApplication app)
    {
        if (app.Configuration.PostgresConnectionString() is not { } postgres)
            return;
        var options = DatabaseOptions.From(app.Configuration);
        if (options.MigrateOnStart ?? app.Environment.IsDevelopment())
            await DatabaseMigrator.ApplyAsync(postgres, app.Logger, app.Lifetime.ApplicationStopping, options.ApplicationRole);
        else
            await DatabaseMigrator.EnsureCurrentAsync(postgres, app.Lifetime.ApplicationStopping);
    }
}
