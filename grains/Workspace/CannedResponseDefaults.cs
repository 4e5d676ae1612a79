using Kasse.Workspace;

namespace Kasse.Grains.Workspace;

/// <summary>
/// The demo set of canned responses (German) a team has until a supervisor replaces it: replies every team uses, and a
/// few per demo team (Team Nord: contributions and direct debit; Team Süd: accidents and tax id).
/// </summary>
public static class CannedResponseDefaults
{
    private static readonly CannedResponse[] Common =
    [
        new("Begrüßung", "{Anrede}, hier ist {Agent} von Ihrer Krankenkasse. Wie kann ich Ihnen helfen?"),
        new("Moment bitte", "Einen Moment bitte, {Vorname} {Nachname} – ich sehe mir das gleich für Sie an."),
        new("Unterlagen anfordern", "{Anrede}, bitte laden Sie die Unterlagen hier im Chat hoch oder senden Sie sie uns über die Online-Geschäftsstelle."),
        new("Verabschiedung", "Vielen Dank für Ihre Nachricht, {Vorname} {Nachname}. Einen schönen Tag wünscht Ihnen {Agent}."),
    ];

    private static readonly Dictionary<string, CannedResponse[]> ByTeam = new(StringComparer.Ordinal)
    {
        ["Team Nord"] =
        [
            new("Beitragsbescheid", "{Anrede}, Ihren Beitragsbescheid finden Sie in der Online-Geschäftsstelle unter „Dokumente“."),
            new("SEPA-Lastschrift", "{Anrede}, das SEPA-Lastschriftmandat können Sie direkt in der Online-Geschäftsstelle erteilen oder ändern."),
        ],
        ["Team Süd"] =
        [
            new("Unfallfragebogen", "{Anrede}, bitte füllen Sie den Unfallfragebogen aus; wir melden uns, sobald er bei uns ist."),
            new("Steuer-ID", "{Anrede}, Ihre Steuer-Identifikationsnummer finden Sie auf Ihrem Einkommensteuerbescheid."),
        ],
    };

    public static IReadOnlyList<CannedResponse> For(string team) =>
        [.. Common, .. ByTeam.TryGetValue(team, out var own) ? own : []];
}
