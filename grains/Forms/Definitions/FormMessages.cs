using System.Globalization;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>The error texts of the built-in checks, German and English.</summary>
internal static class FormMessages
{
    /// <summary>Longest text of a text field whose definition sets no maxLength.</summary>
    public const int DefaultMaxTextLength = 500;

    private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");

    public static readonly LocalizedText Iban = new(
        "Die IBAN ist ungültig. Bitte prüfen Sie Ländercode, Prüfziffern und Kontonummer (in Deutschland 22 Stellen).",
        "The IBAN is not valid. Please check the country code, check digits and account number (22 characters in Germany).");

    public static readonly LocalizedText SteuerId = new(
        "Die Steuer-ID ist ungültig. Sie hat 11 Ziffern, beginnt nicht mit 0 und endet mit einer Prüfziffer.",
        "The tax ID is not valid. It has 11 digits, does not start with 0 and ends with a check digit.");

    public static readonly LocalizedText Kvnr = new(
        "Die Krankenversichertennummer ist ungültig (ein Buchstabe, 8 Ziffern, eine Prüfziffer).",
        "The health insurance number is not valid (one letter, 8 digits, one check digit).");

    public static readonly LocalizedText Date = new(
        "Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).",
        "Please enter a valid date (DD.MM.YYYY).");

    public static readonly LocalizedText Choice = new(
        "Bitte wählen Sie eine der angebotenen Antworten.",
        "Please choose one of the answers offered.");

    public static readonly LocalizedText PostalCode = new(
        "Die Postleitzahl hat 5 Ziffern.",
        "The postal code has 5 digits.");

    public static readonly LocalizedText AddressIncomplete = new(
        "Bitte geben Sie Straße, Postleitzahl und Ort an.",
        "Please enter street, postal code and city.");

    public static readonly LocalizedText Malformed = new(
        "Dieser Wert passt nicht zum Feld. Bitte geben Sie ihn neu ein.",
        "This value does not fit the field. Please enter it again.");

    public static LocalizedText TooLong(int maxLength) => new(
        $"Bitte höchstens {maxLength} Zeichen.",
        $"Please use at most {maxLength} characters.");

    public static LocalizedText OutOfRange(decimal? min, decimal? max) => (min, max) switch
    {
        ({ } lo, { } hi) => new($"Bitte eine Zahl von {GermanNumber(lo)} bis {GermanNumber(hi)}.", $"Please enter a number from {English(lo)} to {English(hi)}."),
        ({ } lo, null) => new($"Bitte eine Zahl ab {GermanNumber(lo)}.", $"Please enter a number of at least {English(lo)}."),
        (null, { } hi) => new($"Bitte eine Zahl bis {GermanNumber(hi)}.", $"Please enter a number of at most {English(hi)}."),
        _ => new("Bitte eine Zahl.", "Please enter a number."),
    };

    public static LocalizedText TooFewRows(int minRows) => new(
        minRows == 1 ? "Bitte mindestens einen Eintrag." : $"Bitte mindestens {minRows} Einträge.",
        minRows == 1 ? "Please add at least one entry." : $"Please add at least {minRows} entries.");

    public static LocalizedText TooManyRows(int maxRows) => new(
        $"Höchstens {maxRows} Einträge.",
        $"At most {maxRows} entries.");

    /// <summary>A number as Germans write it: <c>1.234,5</c>.</summary>
    public static string GermanNumber(decimal value) => value.ToString("#,##0.##########", GermanCulture);

    private static string English(decimal value) => value.ToString("#,##0.##########", CultureInfo.InvariantCulture);
}
