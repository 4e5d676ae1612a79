namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The columns of the data warehouse's customer extract, by their CSV header names (docs/campaigns.md); the source
/// table has the same columns in lower case (<see cref="SourceColumnOf"/>).
/// </summary>
public static class DwhColumns
{
    public const string Kvnr = "KVNR";
    public const string GivenName = "Vorname";
    public const string FamilyName = "Nachname";
    public const string BirthDate = "Geburtsdatum";
    public const string Street = "Strasse";
    public const string PostalCode = "PLZ";
    public const string City = "Ort";
    public const string Phone = "Telefon";
    public const string Email = "EMail";
    public const string PreferredChannel = "BevorzugterKanal";
    public const string AdvertisingConsent = "Werbeeinwilligung";
    public const string BonusProgramme = "Bonusprogramm";
    public const string Tariff = "Wahltarif";

    /// <summary>Every column, in the order the data warehouse writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Kvnr, GivenName, FamilyName, BirthDate, Street, PostalCode, City, Phone, Email, PreferredChannel, AdvertisingConsent, BonusProgramme, Tariff];

    /// <summary>The source table's column of a CSV column: the header in lower case (<c>bevorzugterkanal</c>).</summary>
    public static string SourceColumnOf(string column) => column.ToLowerInvariant();
}
