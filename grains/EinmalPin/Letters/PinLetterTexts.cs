using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>The German texts of the letter by case type (the letters go to insured persons in Germany).</summary>
public static class PinLetterTexts
{
    public const string Sender = "Kasse · Postfach 10 00 00 · 10115 Berlin";

    public static string Subject(PinCaseType type) => type switch
    {
        PinCaseType.SteuerId => "Ihre Steuer-Identifikationsnummer – bitte online mitteilen",
        PinCaseType.SepaMandat => "Ihr SEPA-Lastschriftmandat – bitte online erteilen",
        PinCaseType.Unfallfragebogen => "Fragebogen zu Ihrem Unfall – bitte online ausfüllen",
        _ => "Ihre Angaben – bitte online mitteilen",
    };

    public static string Greeting(PinCaseData data) => $"Guten Tag {data.FirstName} {data.LastName},";

    public static string Body(PinCaseData data) =>
        $"bitte beantworten Sie unsere Fragen bis zum {LetterDates.Format(data.Deadline)} online. Öffnen Sie dazu den Link " +
        "unten oder scannen Sie den QR-Code mit Ihrem Smartphone, und melden Sie sich mit Ihrer persönlichen PIN und Ihrem " +
        "Geburtsdatum an. Die PIN gilt nur für diesen Vorgang und nur einmal. Bewahren Sie diesen Brief sicher auf und " +
        "geben Sie die PIN nicht weiter; wir fragen Sie nie am Telefon oder per E-Mail danach.";

    public static string ValidUntil(DateOnly date) => $"Gültig bis {LetterDates.Format(date)}";

    public const string Closing = "Mit freundlichen Grüßen\nIhre Kasse";
}
