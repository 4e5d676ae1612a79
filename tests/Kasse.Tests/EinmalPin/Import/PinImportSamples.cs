using System.Text;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Import;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.EinmalPin.Import;

/// <summary>The shared sample files and a hand-made file with broken rows, and a way to import them without grains.</summary>
public static class PinImportSamples
{
    public const string Utf8 = "einmalpin/einmalpin-vorgaenge-300.csv";
    public const string Windows1252 = "einmalpin/einmalpin-vorgaenge-300-cp1252.csv";

    public static string PathOf(string sample) => RepositoryPaths.TestData(sample);

    public static readonly DateOnly Today = new(2026, 12, 7);

    public const string Header = "Vorgangsnummer;Vorgangsart;KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Frist;Vorbelegung_IBAN;Vorbelegung_SteuerID";

    /// <summary>
    /// Lines: 1 header; 2 good; 3 bad KVNR; 4 impossible birth date; 5 unknown type; 6 missing last name; 7–8 one good
    /// row whose quoted street holds a <c>;</c> and a line break; 9 a bad Frist (after the two-line row); 10 eleven
    /// fields; 11 good with a bad IBAN prefill.
    /// </summary>
    public static string BrokenFile { get; } = string.Join("\n",
        Header,
        "B-1;STEUER_ID;L155188225;Thomas;Schulze;20.01.2010;\"Königsallee 114b\";60311;Frankfurt am Main;04.12.2026;;",
        "B-2;SEPA_MANDAT;E381556242;Mia;Schäfer;18.08.1985;\"Große Elbstraße 45a\";60311;Frankfurt am Main;30.12.2026;;",
        "B-3;UNFALLFRAGEBOGEN;X875432167;Paul;von Bülow;31.02.1934;\"Unter den Linden 197a\";99084;Erfurt;19.12.2026;;",
        "B-4;KUENDIGUNG;M914092474;Thomas;Özdemir;17.09.2004;\"Hauptstr. 182a\";24103;Kiel;04.01.2027;;",
        "B-5;SEPA_MANDAT;V222785945;Ursula;;07.11.1997;\"Marktplatz 25\";50667;Köln;26.12.2026;;",
        "B-6;STEUER_ID;I395431896;Kai-Uwe;Jäger;23.12.1983;\"Hauptstr. 138a; Hinterhaus",
        "2. Stock\";60311;Frankfurt am Main;08.12.2026;;59062457311",
        "B-7;SEPA_MANDAT;K910532747;François;Schmidt;28.11.1948;\"Große Elbstraße 44\";10117;Berlin;2026-12-13;;",
        "B-8;SEPA_MANDAT;K910532747;François;Schmidt;28.11.1948;\"Große Elbstraße 44\";10117;Berlin;13.12.2026;",
        "B-9;SEPA_MANDAT;R175830631;Günther;Schulze;12.08.1981;\"Unter den Linden 88a\";60311;Frankfurt am Main;25.01.2027;DE00873757614691057289;",
        "");

    public static Stream Open(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    /// <summary>Imports a file end to end into the given stores (no grains).</summary>
    public static Task<PinImportProgress> ImportAsync(
        Func<Stream> open, IPinCaseStore cases, IPinImportErrorStore errors, Guid importId, int batchSize = 100) =>
        PinCsvImport.RunAsync(_ => Task.FromResult(open()), cases, errors, importId,
            new PinCsvImportOptions { BatchSize = batchSize, Today = Today });
}
