using System.Text.RegularExpressions;
using Kasse.Campaigns;
using Kasse.Campaigns.Journey;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The shape of a journey event from the portal or the app: an event id as idempotency key, a known kind, a tariff for
/// the tariff steps, a page path without query, fragment or anything that looks like personal data, a known channel.
/// </summary>
public static partial class JourneyEventRules
{
    public const int MaxEventIdLength = 64;
    public const int MaxTariffLength = 64;
    public const int MaxPageLength = 200;

    /// <summary>The channels an event comes from.</summary>
    public static readonly IReadOnlyList<string> Channels = ["portal", "app"];

    /// <summary>The checked, normalised event (channel lower case, empty strings as null); throws <c>JOURNEY_EVENT_INVALID</c>.</summary>
    public static JourneyEventInput Validate(JourneyEventInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrEmpty(input.EventId) || input.EventId.Length > MaxEventIdLength || !EventIdPattern().IsMatch(input.EventId))
            throw Invalid("Die Ereigniskennung fehlt oder ist ungültig (1–64 Buchstaben, Ziffern, - oder _).");
        if (!Enum.IsDefined(input.Kind))
            throw Invalid("Die Ereignisart ist unbekannt.");
        var tariff = string.IsNullOrWhiteSpace(input.Tariff) ? null : input.Tariff.Trim();
        if (tariff is not null && (tariff.Length > MaxTariffLength || !TariffPattern().IsMatch(tariff)))
            throw Invalid("Der Tarif ist ungültig (bis 64 Buchstaben, Ziffern, Leerzeichen, - oder _).");
        if (tariff is null && input.Kind != JourneyEventKind.PageView)
            throw Invalid("Zu dieser Ereignisart gehört ein Tarif.");
        var page = string.IsNullOrEmpty(input.Page) ? null : input.Page;
        if (page is not null && (page.Length > MaxPageLength || !PagePattern().IsMatch(page) || PersonalLooking().IsMatch(page)))
            throw Invalid("Die Seite ist ungültig: nur ein Pfad (ohne ? und #, ohne Kennungen wie KVNR oder lange Ziffernfolgen).");
        var channel = (input.Channel ?? "").Trim().ToLowerInvariant();
        if (!Channels.Contains(channel))
            throw Invalid("Der Kanal ist unbekannt (portal oder app).");
        return input with { Tariff = tariff, Page = page, Channel = channel };
    }

    private static CampaignException Invalid(string message) => new(CampaignErrors.JourneyInvalid, message);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex EventIdPattern();

    [GeneratedRegex(@"^[\p{L}0-9][\p{L}0-9 _-]*$")]
    private static partial Regex TariffPattern();

    [GeneratedRegex("^/[A-Za-z0-9/._-]*$")]
    private static partial Regex PagePattern();

    // A KVNR (a letter and nine digits), or any run of six or more digits (case numbers, phone numbers, dates).
    [GeneratedRegex("[A-Za-z][0-9]{9}|[0-9]{6,}")]
    private static partial Regex PersonalLooking();
}
