namespace Kasse.Supervision;

/// <summary>
/// One stream event: the queues and agents of one silo that changed since its last batch (latest state each). Batches
/// of one publisher are numbered without gaps (<see cref="Seq"/>), so the feed notices a lost one.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Supervision.SupervisionBatch")]
public sealed record SupervisionBatch(
    [property: Id(0)] Guid PublisherId,
    [property: Id(1)] long Seq,
    [property: Id(2)] IReadOnlyList<QueueSummary> Queues,
    [property: Id(3)] IReadOnlyList<AgentSummary> Agents);
