namespace Kasse.Campaigns.Journey;

/// <summary>
/// The owner of one customer's journey (keyed by the customer key): the single writer of the customer's rows in
/// <c>journey_events</c>. It assigns the gap-free seq, writes the event durably, then publishes it on the
/// <see cref="JourneyStream"/> as a notification (the table is the truth).
/// </summary>
[Alias("Kasse.Campaigns.Journey.IJourneyGrain")]
public interface IJourneyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records one event, idempotent by <see cref="JourneyEventInput.EventId"/> (a retry gets the stored seq back and
    /// <see cref="JourneyTrackResult.Duplicate"/>). Errors: <c>JOURNEY_EVENT_INVALID</c>.
    /// </summary>
    [Alias("Track")]
    Task<JourneyTrackResult> Track(JourneyEventInput input);

    /// <summary>The customer's newest seq (0 before the first event).</summary>
    [Alias("GetLastSeq")]
    Task<long> GetLastSeq();
}

/// <summary>One event as the portal or the app sends it (shape checked by <c>JourneyEventRules</c>).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Journey.JourneyEventInput")]
public sealed record JourneyEventInput(
    [property: Id(0)] string EventId,
    [property: Id(1)] JourneyEventKind Kind,
    [property: Id(2)] string? Tariff,
    [property: Id(3)] string? Page,
    [property: Id(4)] string Channel);

/// <summary>The event's seq; <see cref="Duplicate"/> when the event id was recorded before (nothing new was written).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Journey.JourneyTrackResult")]
public sealed record JourneyTrackResult([property: Id(0)] long Seq, [property: Id(1)] bool Duplicate);
