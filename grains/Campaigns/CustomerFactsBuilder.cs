using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns;

/// <summary>
/// Builds <see cref="CustomerFacts"/> from a master-data row, the consents and the ledger counts: the one mapping the
/// customer grain and the campaign batch share, so a rule means the same in both.
/// </summary>
public static class CustomerFactsBuilder
{
    public static CustomerFacts From(
        CustomerMasterRecord master,
        CustomerConsents? consents,
        DateOnly today,
        int contactsLast30Days = 0,
        string? lastTariffViewed = null,
        DateTimeOffset? lastTariffViewedAt = null) => new(
            master.CustomerKey,
            AgeOn(master.BirthDate, today),
            consents?.AdvertisingConsent ?? master.AdvertisingConsent,
            consents?.ObjectedToTargeting ?? false,
            ChannelCode(consents?.PreferredChannel ?? master.PreferredChannel),
            master.BonusProgramme,
            master.Tariff,
            master.PostalCode,
            consents?.Priority ?? DefaultPriority,
            contactsLast30Days,
            lastTariffViewed,
            lastTariffViewedAt,
            !string.IsNullOrWhiteSpace(master.Email),
            !string.IsNullOrWhiteSpace(master.Phone));

    public const int DefaultPriority = 50;

    /// <summary>The channel as the data warehouse writes it (EMAIL, POST, APP, TELEFON, SMS); rules compare these.</summary>
    public static string ChannelCode(PreferredChannel channel) => channel switch
    {
        PreferredChannel.Email => "EMAIL",
        PreferredChannel.Post => "POST",
        PreferredChannel.App => "APP",
        PreferredChannel.Telefon => "TELEFON",
        PreferredChannel.Sms => "SMS",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>The contact channel a preferred channel means.</summary>
    public static ContactChannel ContactChannelOf(PreferredChannel channel) => channel switch
    {
        PreferredChannel.Email => ContactChannel.Email,
        PreferredChannel.Post => ContactChannel.Letter,
        PreferredChannel.App => ContactChannel.AppPush,
        PreferredChannel.Telefon => ContactChannel.Phone,
        PreferredChannel.Sms => ContactChannel.Sms,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate > today.AddYears(-age) ? age - 1 : age;
    }
}
