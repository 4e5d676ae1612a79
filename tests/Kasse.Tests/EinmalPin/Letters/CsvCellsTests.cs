using Kasse.Grains.EinmalPin;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>No exported cell can start a spreadsheet formula, and cells survive a RFC 4180 reader.</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\";\"klick\")", "\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"klick\"\")\"")]
    [InlineData("+49 170 1234567", "'+49 170 1234567")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void A_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(string value, string written) =>
        Assert.Equal(written, CsvCells.Cell(value));

    [Theory]
    [InlineData("Müller", "Müller")]
    [InlineData("Weg 1; Haus 2", "\"Weg 1; Haus 2\"")]
    [InlineData("Sagt \"Hallo\"", "\"Sagt \"\"Hallo\"\"\"")]
    [InlineData("zwei\nZeilen", "\"zwei\nZeilen\"")]
    [InlineData("Straße 5-7", "Straße 5-7")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Ordinary_cells_are_quoted_only_when_they_hold_a_separator_quote_or_line_break(string? value, string written) =>
        Assert.Equal(written, CsvCells.Cell(value));

    [Fact]
    public void A_line_joins_the_cells_with_semicolons_and_ends_with_crlf() =>
        Assert.Equal("a;'=b;\"c;d\"\r\n", CsvCells.Line("a", "=b", "c;d"));
}
