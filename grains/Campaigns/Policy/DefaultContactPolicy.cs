using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The policy a new installation starts with (published as version 1 on first start): 2 marketing contacts in 7 days
/// on outbound channels, 1 e-mail in 7 days, no offer again for 30 days after a rejection, a banner hidden for 10 days
/// after 3 impressions, no phone calls 20:00–08:00 and on the Christmas holidays.
/// </summary>
public static class DefaultContactPolicy
{
    public static readonly IReadOnlyList<ContactChannel> Outbound =
        [ContactChannel.Letter, ContactChannel.Email, ContactChannel.AppPush, ContactChannel.Sms, ContactChannel.Phone];

    public static ContactPolicyDocument Document { get; } = new(
        Limits:
        [
            new ContactLimit("Werbung: höchstens 2 Kontakte in 7 Tagen", 2, 7, ContactPurpose.Marketing, Outbound),
            new ContactLimit("E-Mail: höchstens 1 in 7 Tagen", 1, 7, null, [ContactChannel.Email]),
        ],
        Suppressions:
        [
            new OutcomeSuppression("Nach Ablehnung 30 Tage nicht erneut anbieten", ContactOutcome.Reject, 1, 30, 30, SuppressionScope.Offer),
            new OutcomeSuppression("Banner nach 3 Einblendungen 10 Tage ausblenden", ContactOutcome.Impression, 3, 10, 10, SuppressionScope.Offer, [ContactChannel.Banner]),
        ],
        QuietPeriods:
        [
            new QuietPeriod("Keine Anrufe abends und nachts", [ContactChannel.Phone], DailyFrom: new TimeOnly(20, 0), DailyTo: new TimeOnly(8, 0)),
        ],
        ReservationTtlMinutes: 60);
}
