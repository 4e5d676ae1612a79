namespace Kasse.Grains.EinmalPin;

/// <summary>Failed logins from one client address (its /32 or /64 prefix), stored so a lockout outlives a deactivation.</summary>
[GenerateSerializer, Alias("Kasse.Grains.EinmalPin.PinClientThrottleState")]
public sealed class PinClientThrottleState
{
    [Id(0)] public int Failures { get; set; }
    [Id(1)] public DateTimeOffset? LastFailureAt { get; set; }
    [Id(2)] public DateTimeOffset? NextAttemptAt { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }
}
