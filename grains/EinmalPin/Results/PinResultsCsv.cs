using System.Globalization;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// The daily results CSV for the core system (docs/einmalpin.md, "Results"): UTF-8 with BOM, <c>;</c>, CRLF, cells
/// through <see cref="CsvCells"/> (quoted when needed, no formula).
/// </summary>
public static class PinResultsCsv
{
    public const string Header = "Vorgangsnummer;Vorgangsart;Status;Statuszeit;Regelwerk;Regelwerk_Version;Gruende;Pruefsumme";

    public static void WriteHeader(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write(CsvCells.LineEnd);
    }

    public static void WriteRow(TextWriter writer, PinResultRow row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(row);
        string?[] cells =
        [
            row.CaseNumber,
            PinCaseTypes.CodeOf(row.CaseType),
            row.Status.ToString(),
            row.StatusAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            row.RuleSet,
            row.RuleSetVersion?.ToString(CultureInfo.InvariantCulture),
            row.Reasons,
            row.ContentHash,
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                writer.Write(CsvCells.Separator);
            writer.Write(CsvCells.Cell(cells[i]));
        }
        writer.Write(CsvCells.LineEnd);
    }
}
