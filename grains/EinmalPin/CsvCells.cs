namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Cells of the CSV files the EinmalPIN procedure writes (print output, daily results): <c>;</c>-separated, quoted
/// when needed, and never a spreadsheet formula — a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
/// carriage return gets a leading <c>'</c> (OWASP CSV injection), so a clerk opening the file in a spreadsheet runs
/// nothing.
/// </summary>
public static class CsvCells
{
    public const char Separator = ';';
    public const string LineEnd = "\r\n";

    /// <summary>Writes one cell (no separator): guarded, and quoted when it holds a separator, a quote or a line break.</summary>
    public static void Write(TextWriter writer, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Quote(value));
    }

    /// <summary>The cell as it is written: guarded against formulas and quoted when needed; empty for null.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        var guarded = StartsLikeFormula(value) ? "'" + value : value;
        return NeedsQuotes(guarded) ? "\"" + guarded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : guarded;
    }

    /// <summary>Whether a spreadsheet would read the text as a formula (or a command) at its start.</summary>
    public static bool StartsLikeFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
}
