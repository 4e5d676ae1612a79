namespace Kasse.Silo.Hosting;

/// <summary>The <c>Database</c> section: who migrates the schema, and whom it grants what (docs/operations.md).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Whether a silo applies the schema when it starts. Unset: yes in Development, no elsewhere — in production the
    /// schema owner runs <c>migrate</c> before a rollout, and a silo refuses to start on an older schema.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>The application role <c>migrate</c> grants the silo's privileges to (e.g. <c>kasse_app</c>); unset: none.</summary>
    public string? ApplicationRole { get; set; }

    public static DatabaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
}
