using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>The triggered campaigns as the journey's trigger consumer sees them (the seam to the campaign part).</summary>
public interface ICampaignTriggers
{
    /// <summary>The active campaigns triggered by this kind of event.</summary>
    Task<IReadOnlyList<string>> ListTriggeredAsync(JourneyEventKind kind);

    /// <summary>Hands the event to one campaign (idempotent per campaign, customer and seq on the campaign's side).</summary>
    Task<ContactDecision?> TriggerAsync(string campaignId, JourneyEvent journeyEvent);
}
