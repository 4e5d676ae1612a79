namespace Kasse.Campaigns;

/// <summary>
/// One journey event as stored (<c>journey_events</c>, written before it is published on the <c>journey</c> stream).
/// <see cref="EventId"/> is the client's idempotency key; <see cref="Seq"/> the customer's event sequence number
/// (gap-free per customer, so a consumer that sees a gap re-reads the table). <see cref="Tariff"/> names a tariff
/// (Wahltarif) or programme, e.g. <c>Krankengeld</c>; <see cref="Page"/> a portal path without query or personal data.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.JourneyEvent")]
public sealed record JourneyEvent(
    [property: Id(0)] string CustomerKey,
    [property: Id(1)] long Seq,
    [property: Id(2)] string EventId,
    [property: Id(3)] JourneyEventKind Kind,
    [property: Id(4)] string? Tariff,
    [property: Id(5)] string? Page,
    [property: Id(6)] string Channel,
    [property: Id(7)] DateTimeOffset At);
