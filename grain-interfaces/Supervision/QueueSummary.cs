namespace Kasse.Supervision;

/// <summary>
/// A queue as a supervisor sees it: items waiting (or being offered), since when the oldest waits, how many waiting
/// items are past their SLA deadline, how many are escalated, offers out and agents available. <see cref="At"/> is
/// when the queue took it; the newer one wins.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Supervision.QueueSummary")]
public sealed record QueueSummary(
    [property: Id(0)] string Queue,
    [property: Id(1)] int Waiting,
    [property: Id(2)] DateTimeOffset? OldestWaitingSince,
    [property: Id(3)] int SlaBreaches,
    [property: Id(4)] int Escalated,
    [property: Id(5)] int OffersOut,
    [property: Id(6)] int AgentsAvailable,
    [property: Id(7)] DateTimeOffset At);
