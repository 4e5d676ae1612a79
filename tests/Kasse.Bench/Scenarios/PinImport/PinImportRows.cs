using System.Globalization;
using System.Text;
using Kasse.EinmalPin;

namespace Kasse.Bench.Scenarios.PinImport;

/// <summary>
/// Synthetic print data stream rows in the layout of the shared sample (<c>einmalpin-vorgaenge-300.csv</c>): every row
/// valid (KVNR with check digit, IBAN and Steuer-ID prefills from the DOMAIN.md vectors), with umlauts, name particles,
/// quoted streets and postal codes with a leading 0. Row <c>i</c> is the same case every time, as CSV text or as the
/// parsed case the raw COPY writes.
/// </summary>
public static class PinImportRows
{
    public const string Header = "Vorgangsnummer;Vorgangsart;KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Frist;Vorbelegung_IBAN;Vorbelegung_SteuerID";

    private static readonly string[] FirstNames = ["Thomas", "Mia", "Jürgen", "Zoë", "Anna-Lena", "Björn", "Ömer", "Sophie", "Käthe", "Luca"];
    private static readonly string[] LastNames = ["Schulze", "Schäfer", "von Bülow", "Özdemir", "Weiß", "Müller-Lüdenscheidt", "zu Guttenberg", "Nguyen", "Groß", "Brandt"];
    private static readonly string[] Streets = ["Königsallee", "Große Elbstraße", "Unter den Linden", "Hauptstr.", "Am Mühlenbach", "Straße des 17. Juni"];
    private static readonly (string PostalCode, string City)[] Places =
        [("01067", "Dresden"), ("60311", "Frankfurt am Main"), ("99084", "Erfurt"), ("24103", "Kiel"), ("04109", "Leipzig"), ("80331", "München")];
    private static readonly string[] Ibans = ["DE89370400440532013000", "DE02120300000000202051"];
    private static readonly string[] SteuerIds = ["36574261809", "12345678995"];

    public static PinCaseData Case(long index)
    {
        var type = PinCaseTypes.All[(int)(index % 3)];
        var (postalCode, city) = Places[index % Places.Length];
        return new PinCaseData(
            CaseNumber(index),
            type,
            Kvnr(index),
            FirstNames[index % FirstNames.Length],
            LastNames[(index / 7) % LastNames.Length],
            new DateOnly(1940, 1, 1).AddDays((int)(index % 25_000)),
            $"{Streets[index % Streets.Length]} {1 + (index % 199)}{(index % 4 == 0 ? "a" : "")}",
            postalCode,
            city,
            new DateOnly(2027, 1, 31).AddDays((int)(index % 60)),
            type == PinCaseType.SepaMandat ? Ibans[index % Ibans.Length] : null,
            type == PinCaseType.SteuerId && index % 2 == 0 ? SteuerIds[index % SteuerIds.Length] : null);
    }

    public static string CaseNumber(long index) => "V" + index.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>One CSV line (no line end) as the core system writes it: <c>;</c>, dates TT.MM.JJJJ, the street quoted.</summary>
    public static void AppendLine(StringBuilder line, PinCaseData data)
    {
        line.Append(data.CaseNumber).Append(';')
            .Append(PinCaseTypes.CodeOf(data.CaseType)).Append(';')
            .Append(data.Kvnr).Append(';')
            .Append(data.FirstName).Append(';')
            .Append(data.LastName).Append(';')
            .Append(data.BirthDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).Append(';')
            .Append('"').Append(data.Street).Append("\";")
            .Append(data.PostalCode).Append(';')
            .Append(data.City).Append(';')
            .Append(data.Deadline.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).Append(';')
            .Append(data.PrefillIban).Append(';')
            .Append(data.PrefillSteuerId);
    }

    /// <summary>Writes the header and <paramref name="rows"/> rows (UTF-8 with BOM, CRLF) to <paramref name="path"/>.</summary>
    public static async Task WriteFileAsync(string path, long rows, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20);
        await writer.WriteAsync(Header + "\r\n");
        var line = new StringBuilder(256);
        for (long i = 0; i < rows; i++)
        {
            line.Clear();
            AppendLine(line, Case(i));
            line.Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
        }
    }

    /// <summary>A valid KVNR: a letter, eight digits of the index, and the check digit (DOMAIN.md).</summary>
    public static string Kvnr(long index)
    {
        var letter = (char)('A' + (int)(index % 26));
        var body = letter + (index % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var position = (letter - 'A' + 1).ToString("D2", CultureInfo.InvariantCulture);
        var digits = position + body[1..];
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var product = (digits[i] - '0') * (i % 2 == 0 ? 1 : 2);
            sum += product / 10 + product % 10;
        }
        return body + (sum % 10).ToString(CultureInfo.InvariantCulture);
    }
}
