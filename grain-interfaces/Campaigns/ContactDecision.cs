namespace Kasse.Campaigns;

/// <summary>
/// The customer grain's answer to <see cref="ContactRequest"/>. Granted: the slot is reserved (durably) until
/// <see cref="ExpiresAt"/>; confirm it when the contact happens, release it when it does not. Refused: the reason and,
/// for policy refusals, the name of the limit, suppression or quiet period that applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactDecision")]
public sealed record ContactDecision(
    [property: Id(0)] string ContactId,
    [property: Id(1)] bool Granted,
    [property: Id(2)] ContactRefusal Refusal,
    [property: Id(3)] string? PolicyRule,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] int PolicyVersion);
