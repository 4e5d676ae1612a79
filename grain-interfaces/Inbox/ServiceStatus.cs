namespace Kasse.Inbox;

/// <summary>
/// Whether the service (chat with an agent) is open now. <see cref="MessageKey"/> names the client text
/// (<c>service.open</c>, <c>service.alwaysOpen</c>, <c>service.closed</c>, <c>service.closedHoliday</c>);
/// <see cref="Message"/> is the German text for clients without their own. Times are in the service's time zone
/// (Europe/Berlin by default); <see cref="NextOpening"/> is null while open, <see cref="ClosesAt"/> null while closed
/// or when always open.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.ServiceStatus")]
public sealed record ServiceStatus(
    [property: Id(0)] bool Open,
    [property: Id(1)] DateTimeOffset? NextOpening,
    [property: Id(2)] DateTimeOffset? ClosesAt,
    [property: Id(3)] string MessageKey,
    [property: Id(4)] string Message);
