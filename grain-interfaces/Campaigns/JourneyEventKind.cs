namespace Kasse.Campaigns;

/// <summary>The steps of a customer journey the portal and the app report.</summary>
public enum JourneyEventKind
{
    PageView = 0,
    TariffViewed = 1,
    TariffSelected = 2,
    ApplicationStarted = 3,
    ApplicationCompleted = 4,
}
