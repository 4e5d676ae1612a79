namespace Kasse.Inbox;

/// <summary>An item waiting in a queue, as an agent may see it before anyone took it: no customer, no history.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.WaitingItem")]
public sealed record WaitingItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Queue,
    [property: Id(2)] WorkChannel Channel,
    [property: Id(3)] string Topic,
    [property: Id(4)] int Priority,
    [property: Id(5)] DateTimeOffset SlaDeadline,
    [property: Id(6)] DateTimeOffset CreatedAt);
