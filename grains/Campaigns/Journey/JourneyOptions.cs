namespace Kasse.Grains.Campaigns.Journey;

/// <summary>Timings of the journey: catch-up after a quiet spell, how old an event may be to trigger, the campaign list cache.</summary>
public sealed record JourneyOptions
{
    /// <summary>
    /// How long after a customer's newest event its owner tells the consumers the newest seq directly (a grain call,
    /// not the stream), so a lost last notification is recovered even when no further event follows.
    /// </summary>
    public TimeSpan CatchUpDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Older events are not handed to triggered campaigns (a recovered backlog must not contact about old visits).</summary>
    public TimeSpan TriggerMaxAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long the list of triggered campaigns per event kind is kept before the directory is asked again.</summary>
    public TimeSpan TriggeredCampaignsCacheTtl { get; init; } = TimeSpan.FromSeconds(5);
}
