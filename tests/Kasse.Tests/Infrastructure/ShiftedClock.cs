namespace Kasse.Tests.Infrastructure;

/// <summary>
/// The real clock moved to another moment: time runs on as usual (timers, durations), only "now" is shifted, so a
/// test host can live on a Sunday evening whatever the machine's date.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan _shift = now - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
}
