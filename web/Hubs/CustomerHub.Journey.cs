using Kasse.Campaigns.Journey;

namespace Kasse.Web.Hubs;

/// <summary>Journey events of the insured person (docs/campaigns.md, "Journey events and success").</summary>
public sealed partial class CustomerHub
{
    /// <summary>
    /// Records one step of the caller's own journey. <paramref name="eventId"/> (1–64 letters, digits, - or _; a new
    /// Guid per event) makes a retry idempotent; <paramref name="kind"/>: PageView, TariffViewed, TariffSelected,
    /// ApplicationStarted, ApplicationCompleted; <paramref name="tariff"/>: required except for PageView;
    /// <paramref name="page"/>: a path without query or fragment; <paramref name="channel"/>: portal (default) or app.
    /// Answers the event's seq and whether it was a repeat. Errors: JOURNEY_EVENT_INVALID.
    /// </summary>
    public Task<JourneyTrackResult> TrackJourney(string eventId, string kind, string? tariff, string? page, string? channel) =>
        Grains.GetGrain<IJourneyGrain>(pseudonyms.KeyOf(Caller.UserId)).Track(
            new JourneyEventInput(eventId ?? "", JourneyEventKinds.Parse(kind), tariff, page, channel ?? "portal"));
}
