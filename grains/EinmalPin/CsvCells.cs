using System.Text;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Cells of the CSV files the EinmalPIN procedure hands out (print output, daily results): <c>;</c> separated, quoted
/// per RFC 4180 when needed, and never a spreadsheet formula — a cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return gets a leading <c>'</c>, because the data comes from outside (an imported name
/// like <c>=HYPERLINK(…)</c> must stay text when the print shop opens the file in a spreadsheet).
/// </summary>
public static class CsvCells
{
    public const char Separator = ';';
    public const string LineEnd = "\r\n";

    /// <summary>The cell as it goes into the file: guarded, then quoted when it holds a separator, quote or line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        var guarded = StartsLikeAFormula(value) ? "'" + value : value;
        return NeedsQuotes(guarded) ? "\"" + guarded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : guarded;
    }

    /// <summary>One line of cells with the separator between and CRLF at the end.</summary>
    public static string Line(params IEnumerable<string?> values)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
                line.Append(Separator);
            line.Append(Cell(value));
            first = false;
        }
        return line.Append(LineEnd).ToString();
    }

    /// <summary>Whether a spreadsheet would read the text as a formula (or strip to one).</summary>
    public static bool StartsLikeAFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
}
