using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// Calls a hub method again, for up to <see cref="Budget"/>, when a grain call in it was rejected because the grain's
/// silo is gone or going (<see cref="OrleansMessageRejectionException"/>, which includes
/// <see cref="SiloUnavailableException"/>). A silo killed without warning is declared dead within about a second
/// (docs/operations.md, "Failover"); until then calls to its grains are rejected, and once it is, the next call
/// activates the grain on a live silo. Retrying here, next to the cluster and with short pauses, answers the client
/// with its result instead of <c>UNAVAILABLE</c> followed by the client's own back-off of a second and more. Safe
/// because every hub write is idempotent by its client-chosen ids (a call that reached the dead silo before it died
/// is recognised when it comes again). Timeouts are not retried: such a call has already waited longer than the budget.
/// Runs inside <see cref="CodedErrorFilter"/>, which turns what is still failing afterwards into <c>UNAVAILABLE</c>.
/// </summary>
public sealed class SiloGoneRetryFilter : IHubFilter
{
    /// <summary>How long after the call's start a rejected call is still tried again.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var started = Stopwatch.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return await next(invocationContext);
            }
            catch (OrleansMessageRejectionException) when (Stopwatch.GetElapsedTime(started) + pause < Budget
                && !invocationContext.Context.ConnectionAborted.IsCancellationRequested)
            {
                await Task.Delay(pause, invocationContext.Context.ConnectionAborted);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
