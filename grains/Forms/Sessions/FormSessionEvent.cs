namespace Kasse.Grains.Forms.Sessions;

/// <summary>One accepted change of a session under its seq; durable before the change is acknowledged or pushed.</summary>
public sealed record FormSessionEvent(
    Guid SessionId,
    long Seq,
    FormSessionEventKind Kind,
    FormActor Actor,
    string? OperationId,
    FormSessionChange Change,
    DateTimeOffset At);
