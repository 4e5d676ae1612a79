using System.Globalization;
using Kasse.Customers;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The rules every master row obeys, from a CSV file and from the source table alike: required fields, the KVNR check
/// digit, plausible dates, the channel codes, <c>ja</c>/<c>nein</c>, bounded lengths.
/// </summary>
public static class CustomerMasterValidation
{
    public const int MaxNameLength = 100;
    public const int MaxStreetLength = 100;
    public const int MaxCityLength = 100;
    public const int MaxPhoneLength = 40;
    public const int MaxEmailLength = 254;
    public const int MaxTariffLength = 100;
    public const string DateFormat = "dd.MM.yyyy";

    public const string Required = "Pflichtfeld fehlt.";
    public const string BadDate = "Kein gültiges Datum (TT.MM.JJJJ).";
    public const string BirthDateInFuture = "Das Geburtsdatum liegt in der Zukunft.";
    public const string BirthDateTooEarly = "Das Geburtsdatum liegt vor 1900.";
    public const string BadPostalCode = "Die Postleitzahl ist ungültig (5 Ziffern).";
    public const string BadEmail = "Die E-Mail-Adresse ist ungültig.";
    public const string BadChannel = "Unbekannter Kanal (erlaubt: EMAIL, POST, APP, TELEFON, SMS).";
    public const string BadYesNo = "Erlaubt sind ja und nein.";

    public static string TooLong(int max) => $"Der Wert ist zu lang (höchstens {max} Zeichen).";

    /// <summary>A <c>TT.MM.JJJJ</c> date, or null.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The channel as the data warehouse writes it (EMAIL, POST, APP, TELEFON, SMS; case ignored), or null.</summary>
    public static PreferredChannel? ParseChannel(string text) => text.Trim().ToUpperInvariant() switch
    {
        "EMAIL" => PreferredChannel.Email,
        "POST" => PreferredChannel.Post,
        "APP" => PreferredChannel.App,
        "TELEFON" => PreferredChannel.Telefon,
        "SMS" => PreferredChannel.Sms,
        _ => null,
    };

    /// <summary><c>ja</c> → true, <c>nein</c> → false (case ignored), anything else null.</summary>
    public static bool? ParseYesNo(string text) => text.Trim().ToLowerInvariant() switch
    {
        "ja" => true,
        "nein" => false,
        _ => null,
    };

    /// <summary>Trims the texts and turns empty optional ones into null.</summary>
    public static CustomerMasterRecord Normalize(CustomerMasterRecord record) => record with
    {
        Kvnr = record.Kvnr.Trim().ToUpperInvariant(),
        GivenName = record.GivenName.Trim(),
        FamilyName = record.FamilyName.Trim(),
        Street = record.Street.Trim(),
        PostalCode = record.PostalCode.Trim(),
        City = record.City.Trim(),
        Phone = Optional(record.Phone),
        Email = Optional(record.Email),
        Tariff = Optional(record.Tariff),
    };

    /// <summary>The failures of a typed (normalized) record; empty when it is valid.</summary>
    public static List<DwhFieldError> Validate(CustomerMasterRecord record, DateOnly today)
    {
        var errors = new List<DwhFieldError>();
        if (record.Kvnr.Length == 0)
            errors.Add(new(DwhColumns.Kvnr, Required));
        else if (!Kasse.Kvnr.IsValid(record.Kvnr))
            errors.Add(new(DwhColumns.Kvnr, Kasse.Kvnr.InvalidMessage));
        Text(record.GivenName, DwhColumns.GivenName, MaxNameLength, errors);
        Text(record.FamilyName, DwhColumns.FamilyName, MaxNameLength, errors);
        if (record.BirthDate > today)
            errors.Add(new(DwhColumns.BirthDate, BirthDateInFuture));
        else if (record.BirthDate.Year < 1900)
            errors.Add(new(DwhColumns.BirthDate, BirthDateTooEarly));
        Text(record.Street, DwhColumns.Street, MaxStreetLength, errors);
        if (record.PostalCode.Length == 0)
            errors.Add(new(DwhColumns.PostalCode, Required));
        else if (record.PostalCode.Length != 5 || !record.PostalCode.All(char.IsAsciiDigit))
            errors.Add(new(DwhColumns.PostalCode, BadPostalCode));
        Text(record.City, DwhColumns.City, MaxCityLength, errors);
        if (record.Phone is { Length: > MaxPhoneLength })
            errors.Add(new(DwhColumns.Phone, TooLong(MaxPhoneLength)));
        if (record.Email is { } email)
        {
            if (email.Length > MaxEmailLength)
                errors.Add(new(DwhColumns.Email, TooLong(MaxEmailLength)));
            else if (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
                errors.Add(new(DwhColumns.Email, BadEmail));
        }
        if (record.Tariff is { Length: > MaxTariffLength })
            errors.Add(new(DwhColumns.Tariff, TooLong(MaxTariffLength)));
        return errors;
    }

    private static void Text(string value, string column, int max, List<DwhFieldError> errors)
    {
        if (value.Length == 0)
            errors.Add(new(column, Required));
        else if (value.Length > max)
            errors.Add(new(column, TooLong(max)));
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
