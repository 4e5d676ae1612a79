using Kasse.Customers;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// One insured person's master data as the data warehouse delivers it nightly (<c>customer_master</c>), keyed by the
/// pseudonym (<see cref="CustomerPseudonyms.KeyOf"/>). Personal data: read it only to build rule facts or an output
/// the integrator fetches; never log it.
/// </summary>
public sealed record CustomerMasterRecord(
    string CustomerKey,
    string Kvnr,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    string Street,
    string PostalCode,
    string City,
    string? Phone,
    string? Email,
    PreferredChannel PreferredChannel,
    bool AdvertisingConsent,
    bool BonusProgramme,
    string? Tariff);
