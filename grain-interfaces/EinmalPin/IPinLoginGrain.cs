namespace Kasse.EinmalPin;

/// <summary>
/// The login front door (stateless worker): throttles by client address, finds the case by link token or by PIN,
/// lets the case decide, and does the same work (one PBKDF2) whether or not a case was found, so neither the answer
/// nor its timing tells which factor was wrong.
/// </summary>
[Alias("Kasse.EinmalPin.IPinLoginGrain")]
public interface IPinLoginGrain : IGrainWithIntegerKey
{
    [Alias("LogIn")]
    Task<PinLoginResult> LogIn(PinLoginRequest request);
}

/// <summary>A login attempt: the link token when the insured came by link or QR code, the PIN as typed, the birth date.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinLoginRequest")]
public sealed record PinLoginRequest(
    [property: Id(0)] string? LinkToken,
    [property: Id(1)] string Pin,
    [property: Id(2)] DateOnly BirthDate,
    [property: Id(3)] string ClientKey);

/// <summary>
/// Success: the case and its case session (the web layer turns it into a short-lived token bound to that case).
/// Refused: <see cref="PinErrors.LoginRefused"/> or <see cref="PinErrors.Throttled"/>, and how long to wait.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinLoginResult")]
public sealed record PinLoginResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? CaseNumber,
    [property: Id(2)] Guid? CaseSessionId,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] string? ErrorCode,
    [property: Id(5)] TimeSpan? RetryAfter);

/// <summary>Failed logins per client address (keyed by the /32 or /64 prefix): growing delays, then a lock.</summary>
[Alias("Kasse.EinmalPin.IPinClientThrottleGrain")]
public interface IPinClientThrottleGrain : IGrainWithStringKey
{
    /// <summary>Zero when an attempt may be made now, else how long to wait.</summary>
    [Alias("WaitBeforeAttempt")]
    Task<TimeSpan> WaitBeforeAttempt();

    [Alias("RecordFailure")]
    Task RecordFailure();

    [Alias("RecordSuccess")]
    Task RecordSuccess();
}
