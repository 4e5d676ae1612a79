using System.Globalization;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// The rules every imported case obeys, for a CSV row and a single case alike: required fields, the case number's
/// shape, the KVNR check digit, plausible dates, bounded lengths, and the optional prefills when present.
/// </summary>
public static class PinCaseValidation
{
    public const int MaxCaseNumberLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxStreetLength = 100;
    public const int MaxCityLength = 100;
    public const string DateFormat = "dd.MM.yyyy";

    public const string Required = "Pflichtfeld fehlt.";
    public const string BadCaseNumber = "Die Vorgangsnummer ist ungültig (1 bis 32 Zeichen: Buchstaben, Ziffern, - und _).";
    public const string BadCaseType = "Unbekannte Vorgangsart (erlaubt: STEUER_ID, SEPA_MANDAT, UNFALLFRAGEBOGEN).";
    public const string BadDate = "Kein gültiges Datum (TT.MM.JJJJ).";
    public const string BirthDateInFuture = "Das Geburtsdatum liegt in der Zukunft.";
    public const string BirthDateTooEarly = "Das Geburtsdatum liegt vor 1900.";
    public const string BadPostalCode = "Die Postleitzahl ist ungültig (5 Ziffern).";
    public const string BadDeadline = "Die Frist liegt außerhalb von 2000 bis 2100.";

    /// <summary>The reason a text is too long (at most <paramref name="max"/> characters).</summary>
    public static string TooLong(int max) => $"Der Wert ist zu lang (höchstens {max} Zeichen).";

    /// <summary>A <c>TT.MM.JJJJ</c> date, or null.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static bool IsCaseNumber(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxCaseNumberLength)
            return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The failures of an already typed case (the CSV reader has parsed dates and the case type before); empty when it
    /// is valid. <paramref name="today"/> bounds the birth date.
    /// </summary>
    public static List<PinFieldError> Validate(PinCaseData data, DateOnly today)
    {
        var errors = new List<PinFieldError>();
        if (string.IsNullOrEmpty(data.CaseNumber))
            errors.Add(new(PinCsvColumns.CaseNumber, Required));
        else if (!IsCaseNumber(data.CaseNumber))
            errors.Add(new(PinCsvColumns.CaseNumber, BadCaseNumber));
        if (!Enum.IsDefined(data.CaseType))
            errors.Add(new(PinCsvColumns.CaseType, BadCaseType));
        if (string.IsNullOrEmpty(data.Kvnr))
            errors.Add(new(PinCsvColumns.Kvnr, Required));
        else if (!Kasse.Kvnr.IsValid(data.Kvnr))
            errors.Add(new(PinCsvColumns.Kvnr, Kasse.Kvnr.InvalidMessage));
        Text(errors, PinCsvColumns.FirstName, data.FirstName, MaxNameLength);
        Text(errors, PinCsvColumns.LastName, data.LastName, MaxNameLength);
        if (data.BirthDate > today)
            errors.Add(new(PinCsvColumns.BirthDate, BirthDateInFuture));
        else if (data.BirthDate.Year < 1900)
            errors.Add(new(PinCsvColumns.BirthDate, BirthDateTooEarly));
        Text(errors, PinCsvColumns.Street, data.Street, MaxStreetLength);
        if (string.IsNullOrEmpty(data.PostalCode))
            errors.Add(new(PinCsvColumns.PostalCode, Required));
        else if (data.PostalCode.Length != 5 || !data.PostalCode.All(char.IsAsciiDigit))
            errors.Add(new(PinCsvColumns.PostalCode, BadPostalCode));
        Text(errors, PinCsvColumns.City, data.City, MaxCityLength);
        if (data.Deadline.Year is < 2000 or > 2100)
            errors.Add(new(PinCsvColumns.Deadline, BadDeadline));
        if (data.PrefillIban is not null && !Iban.IsValid(data.PrefillIban))
            errors.Add(new(PinCsvColumns.PrefillIban, Iban.InvalidMessage));
        if (data.PrefillSteuerId is not null && !Kasse.SteuerId.IsValid(data.PrefillSteuerId))
            errors.Add(new(PinCsvColumns.PrefillSteuerId, Kasse.SteuerId.InvalidMessage));
        return errors;
    }

    /// <summary>
    /// The stored form of a case: text trimmed, empty prefills null, the IBAN without spaces in upper case. A single
    /// case is compared with an existing one in this form (idempotency).
    /// </summary>
    public static PinCaseData Normalize(PinCaseData data) => data with
    {
        CaseNumber = data.CaseNumber?.Trim() ?? "",
        Kvnr = data.Kvnr?.Trim() ?? "",
        FirstName = data.FirstName?.Trim() ?? "",
        LastName = data.LastName?.Trim() ?? "",
        Street = data.Street?.Trim() ?? "",
        PostalCode = data.PostalCode?.Trim() ?? "",
        City = data.City?.Trim() ?? "",
        PrefillIban = string.IsNullOrWhiteSpace(data.PrefillIban) ? null : Iban.Normalize(data.PrefillIban),
        PrefillSteuerId = string.IsNullOrWhiteSpace(data.PrefillSteuerId) ? null : data.PrefillSteuerId.Trim(),
    };

    private static void Text(List<PinFieldError> errors, string column, string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
            errors.Add(new(column, Required));
        else if (value.Length > max)
            errors.Add(new(column, TooLong(max)));
    }
}
