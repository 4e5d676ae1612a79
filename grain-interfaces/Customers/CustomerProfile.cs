namespace Kasse.Customers;

/// <summary>Master data of an insured person (Versicherter) as the core insurance system delivers it.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Customers.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string Kvnr,
    [property: Id(1)] string GivenName,
    [property: Id(2)] string FamilyName,
    [property: Id(3)] DateOnly BirthDate,
    [property: Id(4)] string? Email,
    [property: Id(5)] PreferredChannel PreferredChannel);

/// <summary>The channel an insured person prefers to be contacted on.</summary>
public enum PreferredChannel
{
    Email,
    Post,
    App,
    Telefon,
    Sms,
}
