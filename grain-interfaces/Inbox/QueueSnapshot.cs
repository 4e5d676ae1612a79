namespace Kasse.Inbox;

/// <summary>A queue at a glance: waiting items, the oldest wait, offers out, agents available, offer attempts under way.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string Queue,
    [property: Id(1)] int Waiting,
    [property: Id(2)] DateTimeOffset? OldestWaitingSince,
    [property: Id(3)] int OffersOut,
    [property: Id(4)] int AgentsAvailable,
    [property: Id(5)] int Attempts);
