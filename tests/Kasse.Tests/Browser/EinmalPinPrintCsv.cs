using System.Text;

namespace Kasse.Tests.Browser;

/// <summary>
/// The print shop's CSV as the letters produce it (UTF-8 with BOM, <c>;</c>, quoted cells, CRLF): the letter of each
/// case by its case number, with the PIN as printed and the link (the test opens the link's fragment on its host).
/// </summary>
public sealed record EinmalPinPrintCsv(IReadOnlyDictionary<string, EinmalPinLetter> Letters)
{
    public static EinmalPinPrintCsv Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes).TrimStart('\uFEFF');
        var rows = ReadRows(text);
        var header = rows[0];
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"column {name} missing: {string.Join(';', header)}");
        var caseNumber = Column("Vorgangsnummer");
        var pin = Column("PIN");
        var link = Column("Link");
        var letters = rows.Skip(1).Where(r => r.Length == header.Length)
            .ToDictionary(r => r[caseNumber], r => new EinmalPinLetter(r[caseNumber], r[pin], r[link]));
        return new EinmalPinPrintCsv(letters);
    }

    private static List<string[]> ReadRows(string text)
    {
        var rows = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ';')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. cells]);
                cells.Clear();
            }
            else
                cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }
        return rows;
    }
}
