using Kasse.EinmalPin;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Failed logins per client address, across all cases: after each failure a delay of <c>FirstDelay × 2^(n-1)</c>, and
/// after <c>MaxFailedAttemptsPerClient</c> a lockout of <c>ClientLockout</c>. A quiet period as long as the lockout
/// forgets earlier failures. A success clears the current delay but not the count (it does not excuse the failures of
/// others behind the same address).
/// </summary>
public sealed class PinClientThrottleGrain(
    [PersistentState("pin-client-throttle", StorageNames.Default)] IPersistentState<PinClientThrottleState> state,
    IOptions<EinmalPinOptions> options,
    PinClock clock) : Grain, IPinClientThrottleGrain
{
    private PinClientThrottleState S => state.State;

    public Task<TimeSpan> WaitBeforeAttempt()
    {
        var now = clock.Now;
        var until = Max(S.LockedUntil, S.NextAttemptAt);
        return Task.FromResult(until is { } u && u > now ? u - now : TimeSpan.Zero);
    }

    public async Task RecordFailure()
    {
        var now = clock.Now;
        var o = options.Value;
        if (S.LastFailureAt is { } last && now - last >= o.ClientLockout)
            S.Failures = 0;
        S.Failures++;
        S.LastFailureAt = now;
        S.NextAttemptAt = now + PinLoginDelays.After(S.Failures, o.FirstDelay, o.ClientLockout);
        if (S.Failures >= o.MaxFailedAttemptsPerClient)
        {
            S.LockedUntil = now + o.ClientLockout;
            S.Failures = 0;
        }
        await state.WriteStateAsync();
    }

    public async Task RecordSuccess()
    {
        if (S.NextAttemptAt is null)
            return;
        S.NextAttemptAt = null;
        await state.WriteStateAsync();
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
