namespace Kasse.Silo.Hosting;

/// <summary>Where the silo keeps cluster membership, grain state, reminders and append-only tables.</summary>
public static class KasseStorage
{
    /// <summary>Connection string name; when set, everything durable goes to PostgreSQL.</summary>
    public const string ConnectionStringName = "Kasse";

    public static string? PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs ? cs : null;
}
