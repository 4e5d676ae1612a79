namespace Kasse.Inbox;

/// <summary>
/// A call ringing (or answered) at the agent, as the telephony system reported it: the agent's desktop pops up the
/// customer. <see cref="ItemId"/> is the call's work item id (<c>phone:&lt;callId&gt;</c>); the customer is the
/// pseudonymous key of the caller (never a KVNR), null when the caller is unknown.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.IncomingCall")]
public sealed record IncomingCall(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string? CustomerKey,
    [property: Id(2)] string? Topic,
    [property: Id(3)] DateTimeOffset At);
