namespace Kasse.Gateway;

/// <summary>
/// Where a waiting insured person stands in line (client event <c>queuePosition</c>). <see cref="Position"/> 1 is next;
/// 0 means no longer in line (being offered to or taken by an agent). When <see cref="Exact"/> is false, the real position
/// is greater than <see cref="Position"/> (the queue counts exactly only the first ones in line). The
/// estimated wait is null when the queue has seen too few assignments to say (shown as "unknown").
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Gateway.QueuePositionNotice")]
public sealed record QueuePositionNotice(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] int Position,
    [property: Id(2)] int? EstimatedWaitSeconds,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool Exact = true);
