using System.Text.RegularExpressions;
using Npgsql;

namespace Kasse.Grains;

/// <summary>The one <see cref="NpgsqlDataSource"/> of a silo for the project's own tables.</summary>
public static partial class PostgresDataSource
{
    /// <summary>Prepared statements kept per physical connection when the connection string does not say otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// Builds the data source with automatic preparation on: the project issues a handful of statement shapes at high
    /// rates (the group-committed history insert above all), and re-parsing and re-planning each showed up as a tenth of
    /// PostgreSQL's CPU in the chat benchmark. An explicit <c>Max Auto Prepare</c> in the connection string wins.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!MaxAutoPrepareSetting().IsMatch(connectionString))
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.Build();
    }

    // Npgsql accepts the key with or without spaces ("Max Auto Prepare", "MaxAutoPrepare").
    [GeneratedRegex(@"(^|;)\s*max\s*auto\s*prepare\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex MaxAutoPrepareSetting();
}
