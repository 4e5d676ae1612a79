namespace Kasse.Inbox;

/// <summary>
/// A waiting item as its queue orders it: priority (1 first), then SLA deadline, then age. <see cref="Escalated"/>: its
/// SLA deadline passed (supervisors see it). <see cref="ReservedFor"/>: only this agent may get an offer (a transfer to
/// a named colleague, or a preferred agent of a routing document).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.QueuedItem")]
public sealed record QueuedItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] WorkChannel Channel,
    [property: Id(2)] int Priority,
    [property: Id(3)] DateTimeOffset SlaDeadline,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] IReadOnlyList<string> RequiredSkills,
    [property: Id(6)] IReadOnlyList<string> DeclinedBy,
    [property: Id(7)] string Topic,
    [property: Id(40)] bool Escalated = false,
    [property: Id(41)] string? ReservedFor = null);
