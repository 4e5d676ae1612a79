using System.Text;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>The 1,000-customer sample, a hand-made file with broken rows, and a way to import them without grains.</summary>
public static class DwhSamples
{
    public const string Sample = "versicherte-1000.csv";

    public static string SamplePath => RepositoryPaths.TestData(Sample);

    public static readonly DateOnly Today = new(2026, 12, 7);

    public static CustomerPseudonyms Pseudonyms { get; } = CustomerPseudonyms.ForDevelopment();

    public const string Header = "KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Telefon;EMail;BevorzugterKanal;Werbeeinwilligung;Bonusprogramm;Wahltarif";

    /// <summary>
    /// Lines: 1 header; 2 good; 3 bad KVNR check digit; 4 impossible date and unknown channel; 5 "vielleicht" consent;
    /// 6 missing family name and bad PLZ; 7–8 one good row whose quoted street holds a <c>;</c> and a line break;
    /// 9 twelve fields; 10 good without phone, e-mail and tariff.
    /// </summary>
    public static string BrokenFile { get; } = string.Join("\n",
        Header,
        "L155188225;Thomas;Schulze;20.01.2010;Königsallee 114b;60311;Frankfurt am Main;+49 169 53996497;thomas.0@example.org;SMS;nein;ja;Selbstbehalt",
        "L155188226;Eva;Roth;01.02.1990;Weg 1;10117;Berlin;;;EMAIL;ja;ja;",
        "J109824313;Ursula;Jäger;31.02.1981;Am Mühlbach 73b;01067;Dresden;;;FAX;ja;nein;Krankengeld",
        "P184058287;Heinz;Müller;11.12.1962;Königsallee 146b;80331;München;;;POST;vielleicht;nein;",
        "G959615718;Anna;;06.03.1977;Marktplatz 139a;2410;Kiel;;;TELEFON;nein;nein;",
        "V388859676;Łukasz;Meyer-Lüdenscheid;02.03.1989;\"Bahnhofstraße 21a; Hinterhaus",
        "2. Stock\";01067;Dresden;;lukasz@example.org;sms;Nein;JA;",
        "W212037368;Jörg;Weiß;14.10.1959;Große Elbstraße 40b;60311;Frankfurt am Main;;;TELEFON;nein;ja",
        "O014886184;Kai-Uwe;Schulze;19.02.1949;Am Mühlbach 96;10117;Berlin;;;APP;ja;ja;",
        "");

    /// <summary>A valid KVNR per number: a letter, the number in 8 digits, the check digit.</summary>
    public static string KvnrOf(int number)
    {
        var body = (char)('A' + number % 26) + (number % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        for (var check = 0; check < 10; check++)
        {
            var kvnr = body + (char)('0' + check);
            if (Kasse.Kvnr.IsValid(kvnr))
                return kvnr;
        }
        throw new InvalidOperationException("no check digit");
    }

    /// <summary>An extract of <paramref name="rows"/> valid customers (UTF-8 without BOM) and one bad row at line 2.</summary>
    public static byte[] GeneratedFile(int rows, int firstNumber = 0)
    {
        var text = new StringBuilder(Header).Append('\n');
        text.Append("L155188226;Eva;Roth;01.02.1990;Weg 1;10117;Berlin;;;EMAIL;ja;ja;\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(KvnrOf(firstNumber + i))
                .Append(";Jörg;Weiß;01.02.1970;\"Hauptstr. 1; Hinterhaus\";10117;Berlin;+49 30 1234;joerg@example.org;EMAIL;ja;nein;Krankengeld\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static Stream Open(string text, Encoding? encoding = null) => new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text));

    /// <summary>Imports a file end to end into the given stores (no grains).</summary>
    public static Task<DwhCsvProgress> ImportAsync(
        Func<Stream> open, ICustomerMasterStore store, IDwhRejectionStore rejections, Guid importId, int batchSize = 100) =>
        DwhCsvImport.RunAsync(_ => Task.FromResult(open()), store, rejections, Pseudonyms, importId, Today,
            new DwhImportOptions { BatchSize = batchSize });
}
