using System.Globalization;

namespace Kasse.Web.Documents;

/// <summary>
/// The words of a form's PDF control document in one language: German (the default) or English. Times are Berlin
/// time, named once in the header and by the zone's abbreviation at every time, as in <see cref="TranscriptTexts"/>.
/// <c>Language</c> picks the form's own texts (step titles, labels) from their German and English versions.
/// </summary>
public sealed record FormControlDocumentTexts(
    string Language,
    CultureInfo Culture,
    string DateFormat,
    string TimeZoneNote,
    string StandardZone,
    string DaylightZone,
    Func<string, string> Title,
    Func<string, string> Case,
    Func<string, int, string> Form,
    Func<string, string> Started,
    Func<string, string, string> Submitted,
    string Answers,
    string NoAnswers,
    string HashHeading,
    string HashNote,
    Func<string, string> FileName)
{
    public static readonly FormControlDocumentTexts German = new(
        "de",
        CultureInfo.GetCultureInfo("de-DE"),
        "dd.MM.yyyy HH:mm",
        "Alle Zeiten in deutscher Zeit: MEZ/MESZ (Europe/Berlin).",
        "MEZ",
        "MESZ",
        form => $"Kontrolldokument: {form}",
        reference => $"Vorgang {reference}",
        (name, version) => $"Formular {name}, Version {version}",
        at => $"Begonnen am {at}",
        (at, by) => $"Eingereicht am {at} von {by}",
        "Ihre Angaben",
        "Keine Angaben.",
        "Inhalts-Prüfsumme (SHA-256)",
        "Die Prüfsumme belegt, dass die gespeicherten Angaben unverändert sind.",
        reference => $"Kontrolldokument-{reference}.pdf");

    public static readonly FormControlDocumentTexts English = new(
        "en",
        CultureInfo.GetCultureInfo("en-GB"),
        "dd/MM/yyyy HH:mm",
        "All times in German time: CET/CEST (Europe/Berlin).",
        "CET",
        "CEST",
        form => $"Control document: {form}",
        reference => $"Case {reference}",
        (name, version) => $"Form {name}, version {version}",
        at => $"Started {at}",
        (at, by) => $"Submitted {at} by {by}",
        "Your answers",
        "No answers.",
        "Content checksum (SHA-256)",
        "The checksum proves that the stored answers are unchanged.",
        reference => $"Control-document-{reference}.pdf");

    /// <summary>English for <c>en</c> (any region), German otherwise.</summary>
    public static FormControlDocumentTexts For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : German;
}
