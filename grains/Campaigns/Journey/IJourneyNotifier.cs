using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>Says "look" to the consumers of a stored journey event (best effort: the table is the truth).</summary>
public interface IJourneyNotifier
{
    Task PublishAsync(JourneyEvent journeyEvent);
}
