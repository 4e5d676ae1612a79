namespace Kasse.Inbox;

/// <summary>
/// A queue at a glance: waiting items, the oldest wait, offers out, agents available, offer attempts under way, and the
/// waiting items whose SLA deadline passed (escalated: supervisors are to look at them).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string Queue,
    [property: Id(1)] int Waiting,
    [property: Id(2)] DateTimeOffset? OldestWaitingSince,
    [property: Id(3)] int OffersOut,
    [property: Id(4)] int AgentsAvailable,
    [property: Id(5)] int Attempts,
    [property: Id(40)] int Escalated = 0,
    [property: Id(41)] IReadOnlyList<string>? EscalatedItems = null);
