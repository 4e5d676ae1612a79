using System.Text;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>
/// The print shop's CSV: UTF-8 with BOM, <c>;</c>, CRLF, one line per letter, every cell through <see cref="CsvCells"/>
/// (imported names and streets may start like a formula).
/// </summary>
public sealed class PinLetterCsv
{
    public static readonly string[] Columns =
        ["Vorgangsnummer", "Vorgangsart", "Vorname", "Nachname", "Strasse", "PLZ", "Ort", "PIN", "Link", "QR_Inhalt", "Gueltig_bis"];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Stream _output;

    public PinLetterCsv(Stream output)
    {
        _output = output;
        _output.Write(Encoding.UTF8.Preamble);
        Write(CsvCells.Line(Columns));
    }

    public void Add(PinLetter letter)
    {
        var data = letter.Case;
        Write(CsvCells.Line(
            data.CaseNumber, PinCaseTypes.CodeOf(data.CaseType), data.FirstName, data.LastName, data.Street, data.PostalCode,
            data.City, PinFormat.Grouped(letter.Pin), letter.Link, letter.Link, LetterDates.Format(letter.ValidUntil)));
    }

    private void Write(string text) => _output.Write(Utf8.GetBytes(text));
}
