using Kasse.Grains;
using Npgsql;

namespace Kasse.Tests.Storage;

public sealed class PostgresDataSourceTests
{
    [Theory]
    [InlineData("Host=db;Database=kasse", PostgresDataSource.DefaultMaxAutoPrepare)]
    [InlineData("Host=db;Database=kasse;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=5;Database=kasse", 5)]
    [InlineData("Host=db;Auto Prepare Min Usages=3", PostgresDataSource.DefaultMaxAutoPrepare)]
    public void Statements_are_prepared_unless_the_connection_string_says_otherwise(string connectionString, int expected)
    {
        using var dataSource = PostgresDataSource.Create(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
    }
}
