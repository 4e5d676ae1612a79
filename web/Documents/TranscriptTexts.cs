using System.Globalization;
using Kasse.Conversations;

namespace Kasse.Web.Documents;

/// <summary>
/// The words of a PDF transcript in one language: German (the default) or English. Times are Berlin time, named as
/// such once in the header (TimeZoneNote) and by the zone's abbreviation at every time (StandardZone/DaylightZone),
/// because the page the reader comes from shows the browser's time.
/// </summary>
public sealed record TranscriptTexts(
    CultureInfo Culture,
    string DateFormat,
    string TimeZoneNote,
    string StandardZone,
    string DaylightZone,
    Func<string, string> Title,
    Func<Guid, string> Number,
    Func<string, string> Case,
    Func<string, string, string> StartedAtWithState,
    Func<string?, string> Started,
    string Joined,
    string Closed,
    Func<string, double, string> Attachment,
    Func<ConversationState, string> State,
    Func<Guid, string> FileName)
{
    public static readonly TranscriptTexts German = new(
        CultureInfo.GetCultureInfo("de-DE"),
        "dd.MM.yyyy HH:mm",
        "Alle Zeiten in deutscher Zeit: MEZ/MESZ (Europe/Berlin).",
        "MEZ",
        "MESZ",
        topic => $"Gesprächsverlauf: {topic}",
        id => $"Gesprächsnummer {id}",
        reference => $"Vorgang {reference}",
        (at, state) => $"Begonnen am {at} · Status: {state}",
        topic => $"hat das Gespräch begonnen: {topic}",
        "ist dem Gespräch beigetreten.",
        "hat das Gespräch beendet.",
        (name, kb) => string.Create(CultureInfo.GetCultureInfo("de-DE"), $"[Anhang: {name}, {kb:0.#} KB]"),
        state => state switch
        {
            ConversationState.Open => "offen",
            ConversationState.Waiting => "wartet auf Beratung",
            ConversationState.Active => "aktiv",
            _ => "beendet",
        },
        id => $"Gespraechsverlauf-{id:N}.pdf");

    public static readonly TranscriptTexts English = new(
        CultureInfo.GetCultureInfo("en-GB"),
        "dd/MM/yyyy HH:mm",
        "All times in German time: CET/CEST (Europe/Berlin).",
        "CET",
        "CEST",
        topic => $"Chat transcript: {topic}",
        id => $"Conversation number {id}",
        reference => $"Case {reference}",
        (at, state) => $"Started {at} · Status: {state}",
        topic => $"started the conversation: {topic}",
        "joined the conversation.",
        "closed the conversation.",
        (name, kb) => string.Create(CultureInfo.GetCultureInfo("en-GB"), $"[Attachment: {name}, {kb:0.#} KB]"),
        state => state switch
        {
            ConversationState.Open => "open",
            ConversationState.Waiting => "waiting for an adviser",
            ConversationState.Active => "active",
            _ => "closed",
        },
        id => $"Chat-transcript-{id:N}.pdf");

    /// <summary>English for <c>en</c> (any region), German otherwise.</summary>
    public static TranscriptTexts For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : German;
}
