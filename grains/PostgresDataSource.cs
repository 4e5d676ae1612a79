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
    /// rates (the group-committed history insert above all), and parsing and planning them showed up in PostgreSQL's
    /// profile in the chat benchmark (with the history writer's own connection, PostgreSQL's share of the CPU halved).
    /// An explicit <c>Max Auto Prepare</c> in the connection string wins.
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
