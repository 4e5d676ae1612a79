namespace Kasse.Supervision;

/// <summary>
/// What a supervisor's client gets: the whole picture (<see cref="Full"/>) or what changed. <see cref="Seq"/> grows by
/// one with every change within one <see cref="Epoch"/> (an activation of the feed); a client that sees another epoch
/// or a seq that is not its last + 1 missed something and asks for the whole picture again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Supervision.SupervisorOverview")]
public sealed record SupervisorOverview(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Seq,
    [property: Id(2)] bool Full,
    [property: Id(3)] IReadOnlyList<QueueSummary> Queues,
    [property: Id(4)] IReadOnlyList<AgentSummary> Agents,
    [property: Id(5)] DateTimeOffset At);
