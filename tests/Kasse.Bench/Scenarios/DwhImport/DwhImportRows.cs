using System.Globalization;
using System.Text;
using Kasse.Bench.Scenarios.PinImport;
using Kasse.Customers;
using Kasse.Grains.Campaigns;
using Kasse.Grains.Campaigns.Dwh;

namespace Kasse.Bench.Scenarios.DwhImport;

/// <summary>
/// Synthetic customer rows in the layout of <c>versicherte-1000.csv</c>: every row valid (KVNR with check digit), with
/// umlauts, name particles, optional phone, e-mail and tariff, postal codes with a leading 0. Row <c>i</c> is the same
/// customer every time, as CSV text or as the record the raw COPY writes.
/// </summary>
public static class DwhImportRows
{
    public const string Header = "KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Telefon;EMail;BevorzugterKanal;Werbeeinwilligung;Bonusprogramm;Wahltarif";

    private static readonly string[] GivenNames = ["Thomas", "Mia", "Jürgen", "Zoë", "Anna-Lena", "Björn", "Ömer", "Sophie", "Käthe", "Luca"];
    private static readonly string[] FamilyNames = ["Schulze", "Schäfer", "von Bülow", "Özdemir", "Weiß", "Müller-Lüdenscheidt", "zu Guttenberg", "Nguyen", "Groß", "Brandt"];
    private static readonly string[] Streets = ["Königsallee", "Große Elbstraße", "Unter den Linden", "Hauptstr.", "Am Mühlbach", "Straße des 17. Juni"];
    private static readonly (string PostalCode, string City)[] Places =
        [("01067", "Dresden"), ("60311", "Frankfurt am Main"), ("99084", "Erfurt"), ("24103", "Kiel"), ("04109", "Leipzig"), ("80331", "München")];
    private static readonly string?[] Tariffs = ["Krankengeld", "Selbstbehalt", "Zahnzusatz", null];
    private static readonly PreferredChannel[] Channels = Enum.GetValues<PreferredChannel>();

    /// <summary>Customer <paramref name="index"/>, keyed by <paramref name="key"/> (the pseudonym in the product; cheaper in the raw reference).</summary>
    public static CustomerMasterRecord Record(long index, string key)
    {
        var (postalCode, city) = Places[index % Places.Length];
        var givenName = GivenNames[index % GivenNames.Length];
        return new CustomerMasterRecord(
            key,
            PinImportRows.Kvnr(index),
            givenName,
            FamilyNames[(index / 7) % FamilyNames.Length],
            new DateOnly(1940, 1, 1).AddDays((int)(index % 25_000)),
            $"{Streets[index % Streets.Length]} {1 + (index % 199)}{(index % 4 == 0 ? "a" : "")}",
            postalCode,
            city,
            index % 3 == 0 ? null : "+49 30 " + (1_000_000 + index % 9_000_000).ToString(CultureInfo.InvariantCulture),
            index % 5 == 0 ? null : $"kunde.{index}@example.org",
            Channels[index % Channels.Length],
            index % 2 == 0,
            index % 3 == 1,
            Tariffs[index % Tariffs.Length]);
    }

    /// <summary>One CSV line (no line end) as the data warehouse writes it.</summary>
    public static void AppendLine(StringBuilder line, CustomerMasterRecord data)
    {
        line.Append(data.Kvnr).Append(';')
            .Append(data.GivenName).Append(';')
            .Append(data.FamilyName).Append(';')
            .Append(data.BirthDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).Append(';')
            .Append(data.Street).Append(';')
            .Append(data.PostalCode).Append(';')
            .Append(data.City).Append(';')
            .Append(data.Phone).Append(';')
            .Append(data.Email).Append(';')
            .Append(CustomerFactsBuilder.ChannelCode(data.PreferredChannel)).Append(';')
            .Append(data.AdvertisingConsent ? "ja" : "nein").Append(';')
            .Append(data.BonusProgramme ? "ja" : "nein").Append(';')
            .Append(data.Tariff);
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
            AppendLine(line, Record(i, ""));
            line.Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
        }
    }
}
