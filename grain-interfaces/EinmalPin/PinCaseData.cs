namespace Kasse.EinmalPin;

/// <summary>
/// One imported case (Vorbelegungsdaten): one row of the print data stream or one single case from the HTTP API.
/// Optional prefills are null when empty. Immutable once imported: a second import of the same case number changes
/// nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinCaseData")]
public sealed record PinCaseData(
    [property: Id(0)] string CaseNumber,
    [property: Id(1)] PinCaseType CaseType,
    [property: Id(2)] string Kvnr,
    [property: Id(3)] string FirstName,
    [property: Id(4)] string LastName,
    [property: Id(5)] DateOnly BirthDate,
    [property: Id(6)] string Street,
    [property: Id(7)] string PostalCode,
    [property: Id(8)] string City,
    [property: Id(9)] DateOnly Deadline,
    [property: Id(10)] string? PrefillIban = null,
    [property: Id(11)] string? PrefillSteuerId = null);
