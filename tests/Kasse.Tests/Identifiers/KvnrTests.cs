namespace Kasse.Tests.Identifiers;

/// <summary>The vectors of ../shared/DOMAIN.md.</summary>
public sealed class KvnrTests
{
    [Theory]
    [InlineData("A123456780")]
    [InlineData("T012345678")]
    [InlineData("Z987654321")]
    public void Valid_kvnr_is_accepted(string kvnr) => Assert.True(Kvnr.IsValid(kvnr));

    [Theory]
    [InlineData("A123456789")]
    [InlineData("G995030567")]
    [InlineData("a123456780")]
    [InlineData("A12345678")]
    [InlineData("A1234567800")]
    [InlineData("A12345678X")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_kvnr_is_rejected(string? kvnr) => Assert.False(Kvnr.IsValid(kvnr));

    [Fact]
    public void Every_kvnr_of_the_data_warehouse_sample_is_valid()
    {
        var lines = File.ReadAllLines(Infrastructure.RepositoryPaths.TestData("versicherte-1000.csv")).Skip(1).ToArray();
        Assert.Equal(1000, lines.Length);
        Assert.All(lines, line => Assert.True(Kvnr.IsValid(line.Split(';')[0]), line.Split(';')[0]));
    }
}
