using System.Collections.Concurrent;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The product's triggers: <see cref="ICampaignDirectoryGrain.ListTriggered"/>, kept per kind for
/// <see cref="JourneyOptions.TriggeredCampaignsCacheTtl"/> on this silo (so a burst of events asks the directory once),
/// then <see cref="ICampaignGrain.Trigger"/>.
/// </summary>
public sealed class DirectoryCampaignTriggers(IGrainFactory grains, JourneyOptions options, TimeProvider clock) : ICampaignTriggers
{
    private readonly ConcurrentDictionary<JourneyEventKind, (DateTimeOffset Until, IReadOnlyList<string> Campaigns)> _cache = new();

    public async Task<IReadOnlyList<string>> ListTriggeredAsync(JourneyEventKind kind)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(kind, out var cached) && cached.Until > now)
            return cached.Campaigns;
        var campaigns = await grains.GetGrain<ICampaignDirectoryGrain>(0).ListTriggered(kind);
        _cache[kind] = (now + options.TriggeredCampaignsCacheTtl, campaigns);
        return campaigns;
    }

    public Task<ContactDecision?> TriggerAsync(string campaignId, JourneyEvent journeyEvent) =>
        grains.GetGrain<ICampaignGrain>(campaignId).Trigger(journeyEvent);
}
