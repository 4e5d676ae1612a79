namespace Kasse.Tests.Identifiers;

/// <summary>The vectors of ../shared/DOMAIN.md and the prefill column of the EinmalPIN sample.</summary>
public sealed class SteuerIdTests
{
    [Theory]
    [InlineData("36574261809")]
    [InlineData("12345678995")]
    public void Valid_steuer_id_is_accepted(string steuerId) => Assert.True(SteuerId.IsValid(steuerId));

    [Theory]
    [InlineData("36574261890")] // checksum
    [InlineData("36554266806")] // repetition: 5 twice and 6 three times
    [InlineData("11145678901")] // a digit three times in a row
    [InlineData("01234567890")] // leading 0
    [InlineData("12345678990")] // 12345678995 with a wrong check digit
    [InlineData("1234567899")]  // 10 digits
    [InlineData("123456789951")] // 12 digits
    [InlineData("1234567899X")]
    [InlineData("12345 678995")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_steuer_id_is_rejected(string? steuerId) => Assert.False(SteuerId.IsValid(steuerId));

    [Fact]
    public void First_ten_digits_all_different_are_rejected_whatever_the_check_digit()
    {
        // 1234567890: no digit repeats, which the Steuer-ID forbids; no check digit can make it valid.
        for (var check = 0; check <= 9; check++)
            Assert.False(SteuerId.IsValid("1234567890" + check));
    }

    [Fact]
    public void A_digit_three_times_but_not_in_a_row_is_allowed()
    {
        // 1 at positions 1, 2 and 4: three times, not three consecutive; the check digit completes it.
        var valid = Enumerable.Range(0, 10).Select(c => "1121345678" + c).Where(SteuerId.IsValid).ToArray();
        Assert.Single(valid);
        Assert.False(SteuerId.IsValid("1112345678" + valid[0][^1]));
    }

    [Fact]
    public void Every_prefilled_steuer_id_of_the_einmalpin_sample_is_valid()
    {
        var steuerIds = SampleColumn("Vorbelegung_SteuerID");
        Assert.Equal(26, steuerIds.Length);
        Assert.All(steuerIds, id => Assert.True(SteuerId.IsValid(id), id));
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
