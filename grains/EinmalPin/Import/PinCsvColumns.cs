namespace Kasse.Grains.EinmalPin.Import;

/// <summary>The columns of the print data stream, by their header names (docs/einmalpin.md).</summary>
public static class PinCsvColumns
{
    public const string CaseNumber = "Vorgangsnummer";
    public const string CaseType = "Vorgangsart";
    public const string Kvnr = "KVNR";
    public const string FirstName = "Vorname";
    public const string LastName = "Nachname";
    public const string BirthDate = "Geburtsdatum";
    public const string Street = "Strasse";
    public const string PostalCode = "PLZ";
    public const string City = "Ort";
    public const string Deadline = "Frist";
    public const string PrefillIban = "Vorbelegung_IBAN";
    public const string PrefillSteuerId = "Vorbelegung_SteuerID";

    /// <summary>Every column, in the order the core system writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CaseNumber, CaseType, Kvnr, FirstName, LastName, BirthDate, Street, PostalCode, City, Deadline, PrefillIban, PrefillSteuerId];

    /// <summary>The camelCase JSON name of a column's value in <c>PinCaseData</c> (field errors of the single-case API).</summary>
    public static string JsonNameOf(string column) => column switch
    {
        CaseNumber => "caseNumber",
        CaseType => "caseType",
        Kvnr => "kvnr",
        FirstName => "firstName",
        LastName => "lastName",
        BirthDate => "birthDate",
        Street => "street",
        PostalCode => "postalCode",
        City => "city",
        Deadline => "deadline",
        PrefillIban => "prefillIban",
        PrefillSteuerId => "prefillSteuerId",
        _ => column,
    };
}
