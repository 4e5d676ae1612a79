namespace Kasse.Inbox;

/// <summary>
/// One row of the append-only history of a work item. <see cref="Seq"/> orders the events of one item;
/// <see cref="Position"/> (assigned by the table on insert) orders all events of all items consistently with causality,
/// so the history can be replayed to check the capacity of every agent at every step.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.WorkItemEvent")]
public sealed record WorkItemEvent(
    [property: Id(0)] string ItemId,
    [property: Id(1)] int Seq,
    [property: Id(2)] WorkItemEventKind Kind,
    [property: Id(3)] WorkItemStatus Status,
    [property: Id(4)] string? AgentId,
    [property: Id(5)] Guid? OfferId,
    [property: Id(6)] int Weight,
    [property: Id(7)] int Budget,
    [property: Id(8)] string? Queue,
    [property: Id(9)] DateTimeOffset At,
    [property: Id(10)] string? Detail,
    [property: Id(11)] long Position = 0);
