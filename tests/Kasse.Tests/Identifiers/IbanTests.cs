namespace Kasse.Tests.Identifiers;

/// <summary>The vectors of ../shared/DOMAIN.md and the prefill column of the EinmalPIN sample.</summary>
public sealed class IbanTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE02120300000000202051")]
    [InlineData("DE89370400440532013000")]
    [InlineData("de89 3704 0044 0532 0130 00")]
    [InlineData(" DE89370400440532013000 ")]
    [InlineData("GB82 WEST 1234 5698 7654 32")] // letters in the account part outside Germany
    [InlineData("NL91ABNA0417164300")]
    public void Valid_iban_is_accepted(string iban) => Assert.True(Iban.IsValid(iban));

    [Theory]
    [InlineData("DE89370400440532013001")] // account changed
    [InlineData("DE88370400440532013000")] // check digits changed
    [InlineData("DE8937040044053201300")]  // German, 21 characters
    [InlineData("DE893704004405320130000")] // German, 23 characters
    [InlineData("DE8937040044053201300A")] // German account with a letter
    [InlineData("89DE370400440532013000")]
    [InlineData("DE89-3704-0044-0532-0130-00")]
    [InlineData("DE89")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Invalid_iban_is_rejected(string? iban) => Assert.False(Iban.IsValid(iban));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("de02 1203 0000 0000 2020 51", "DE02120300000000202051")]
    [InlineData("gb82west12345698765432", "GB82WEST12345698765432")]
    [InlineData("DE02120300000000202051", "DE02120300000000202051")]
    public void Normalize_removes_spaces_and_upper_cases(string input, string normalized) =>
        Assert.Equal(normalized, Iban.Normalize(input));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("de02120300000000202051", true)]
    [InlineData("GB82WEST12345698765432", false)]
    [InlineData("DE88370400440532013000", false)]
    [InlineData(null, false)]
    public void IsGerman_requires_a_valid_de_iban(string? iban, bool german) => Assert.Equal(german, Iban.IsGerman(iban));

    [Fact]
    public void Every_prefilled_iban_of_the_einmalpin_sample_is_valid_and_german()
    {
        var ibans = SampleColumn("Vorbelegung_IBAN");
        Assert.Equal(47, ibans.Length);
        Assert.All(ibans, iban => Assert.True(Iban.IsGerman(iban), iban));
        Assert.All(ibans, iban => Assert.Equal(iban, Iban.Normalize(iban)));
    }

    /// <summary>The non-empty values of one column of tests/Kasse.Tests/TestData/einmalpin-vorgaenge-300.csv (UTF-8 with BOM, `;`, no `;` inside a field).</summary>
    private static string[] SampleColumn(string name)
    {
        var lines = File.ReadAllLines(Infrastructure.RepositoryPaths.TestData("einmalpin-vorgaenge-300.csv"));
        Assert.Equal(301, lines.Length);
        var header = lines[0].TrimStart('\uFEFF').Split(';');
        var index = Array.IndexOf(header, name);
        Assert.True(index >= 0, $"column {name} missing");
        var rows = lines.Skip(1).Select(line => line.Split(';')).ToArray();
        Assert.All(rows, fields => Assert.Equal(header.Length, fields.Length));
        return rows.Select(fields => fields[index]).Where(value => value.Length > 0).ToArray();
    }
}
