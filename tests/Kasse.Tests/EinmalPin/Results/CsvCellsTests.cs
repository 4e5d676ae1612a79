using Kasse.Grains.EinmalPin;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>No exported cell can start a spreadsheet formula; separators, quotes and line breaks stay inside their cell.</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"")]
    public void A_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(string value, string written) =>
        Assert.Equal(written, CsvCells.Quote(value));

    [Theory]
    [InlineData("Hauptstr. 12a", "Hauptstr. 12a")]
    [InlineData("Müller; Anna", "\"Müller; Anna\"")]
    [InlineData("Sie sagte \"ja\"", "\"Sie sagte \"\"ja\"\"\"")]
    [InlineData("Zeile 1\nZeile 2", "\"Zeile 1\nZeile 2\"")]
    [InlineData("a-b=c", "a-b=c")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Plain_cells_stay_as_they_are_and_cells_with_separators_are_quoted(string? value, string written)
    {
        Assert.Equal(written, CsvCells.Quote(value));
        using var writer = new StringWriter();
        CsvCells.Write(writer, value);
        Assert.Equal(written, writer.ToString());
    }
}
