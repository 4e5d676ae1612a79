namespace Kasse.Campaigns.Nba;

/// <summary>
/// A request for the next best action(s) for one customer on one channel. <see cref="DecisionId"/> is chosen by the
/// caller (a new Guid); the reservations it makes are named after it. <see cref="Max"/>: how many offers (a banner
/// shows one, the agent desktop up to three). <see cref="ReservationTtl"/>: how long the reservations hold (null: the
/// policy's default; a call list holds them for the day).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.NbaRequest")]
public sealed record NbaRequest(
    [property: Id(0)] Guid DecisionId,
    [property: Id(1)] string CustomerKey,
    [property: Id(2)] ContactChannel Channel,
    [property: Id(3)] ContactSource Source,
    [property: Id(4)] string Placement,
    [property: Id(5)] int Max = 1,
    [property: Id(6)] TimeSpan? ReservationTtl = null);

/// <summary>The offers chosen, best first (empty: nothing to offer, or the contact policy refused everything).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.NbaDecision")]
public sealed record NbaDecision(
    [property: Id(0)] Guid DecisionId,
    [property: Id(1)] IReadOnlyList<OfferSuggestion> Offers);

/// <summary>
/// One chosen offer: its texts, the reserved contact (confirmed when shown), and the probability with which the
/// sampling policy chose it (logged for offline evaluation).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.OfferSuggestion")]
public sealed record OfferSuggestion(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string ContactId,
    [property: Id(2)] string? Tariff,
    [property: Id(3)] OfferTexts De,
    [property: Id(4)] OfferTexts En,
    [property: Id(5)] double Probability,
    [property: Id(6)] double Score);

/// <summary>
/// What came of a shown offer. <see cref="OutcomeId"/> is the idempotency key (the client's, 1–64 characters).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.NbaOutcome")]
public sealed record NbaOutcome(
    [property: Id(0)] string OutcomeId,
    [property: Id(1)] Guid DecisionId,
    [property: Id(2)] string OfferId,
    [property: Id(3)] ContactOutcome Outcome);

/// <summary>The posterior of one offer on one channel: Beta(α, β) with α = 1 + successes, β = 1 + trials − successes.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.OfferPosterior")]
public sealed record OfferPosterior(
    [property: Id(0)] string OfferId,
    [property: Id(1)] ContactChannel Channel,
    [property: Id(2)] long Trials,
    [property: Id(3)] long Successes)
{
    public double Alpha => 1 + Successes;

    public double Beta => 1 + Trials - Successes;
}
