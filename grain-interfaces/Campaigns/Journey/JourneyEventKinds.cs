namespace Kasse.Campaigns.Journey;

/// <summary>Journey event kinds by name, as the portal and the app send them.</summary>
public static class JourneyEventKinds
{
    /// <summary>The kind named (case-insensitive, never a number); throws <c>JOURNEY_EVENT_INVALID</c>.</summary>
    public static JourneyEventKind Parse(string? kind) =>
        !string.IsNullOrEmpty(kind) && char.IsLetter(kind[0]) && Enum.TryParse<JourneyEventKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new CampaignException(
                CampaignErrors.JourneyInvalid,
                "Die Ereignisart ist unbekannt (PageView, TariffViewed, TariffSelected, ApplicationStarted, ApplicationCompleted).");
}
