using System.Globalization;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>Master rows and campaign definitions for the campaign tests.</summary>
public static class CampaignSamples
{
    public static readonly DateOnly Today = new(2026, 12, 7);

    /// <summary>A customer; keys sort as their number, so pages are predictable.</summary>
    public static CustomerMasterRecord Customer(
        int number, string prefix = "c", PreferredChannel channel = PreferredChannel.Post, bool email = true, bool phone = true,
        bool consent = true, string postalCode = "10117", int birthYear = 1970, string? tariff = null) => new(
            $"{prefix}{number.ToString("D7", CultureInfo.InvariantCulture)}",
            "A123456780",
            "Erika",
            "Mustermann",
            new DateOnly(birthYear, 5, 1),
            "Hauptstr. 1",
            postalCode,
            "Berlin",
            phone ? "+49301234567" : null,
            email ? $"erika{number}@example.org" : null,
            channel,
            consent,
            BonusProgramme: number % 2 == 0,
            tariff);

    /// <summary>Customers with a mix of preferred channels, some without e-mail or phone.</summary>
    public static IReadOnlyList<CustomerMasterRecord> Population(int count, string prefix = "c", string postalCode = "10117") =>
        Enumerable.Range(0, count).Select(i => Customer(
            i, prefix, (PreferredChannel)(i % 5), email: i % 3 != 0, phone: i % 4 != 0, consent: i % 2 == 0, postalCode: postalCode)).ToList();

    public static ContentVariant Variant(string id, ContactChannel? channel = null, int weight = 1) =>
        new(id, channel, weight, $"Betreff {id}", $"Text {id}");

    /// <summary>The member magazine: every customer of <paramref name="postalCode"/>, all channels, preferred channel first.</summary>
    public static CampaignDefinition Magazine(
        string postalCode = "10117", int controlPercent = 5, IReadOnlyDictionary<ContactChannel, int>? limits = null,
        CampaignSchedule? schedule = null) => new(
            "Mitgliedermagazin",
            "Das Magazin für alle",
            ContactPurpose.Information,
            [
                new TargetGroup(
                    "alle",
                    $"input.PostalCode == \"{postalCode}\"",
                    [ContactChannel.Letter, ContactChannel.Email, ContactChannel.AppPush],
                    PreferCustomerChannel: true,
                    [Variant("brief", ContactChannel.Letter), Variant("mail-a", ContactChannel.Email, 3), Variant("mail-b", ContactChannel.Email, 1), Variant("app")]),
            ],
            controlPercent,
            limits ?? new Dictionary<ContactChannel, int>(),
            schedule ?? new CampaignSchedule(CampaignScheduleKind.OneOff));
}
