namespace Kasse.Tests.Infrastructure;

/// <summary>
/// The real clock moved to another moment: time runs on as usual (timers, durations), only "now" is shifted, so a
/// test host's service hours can live on a Sunday evening whatever the machine's date. Only for clocks of the
/// product's own (e.g. <c>ServiceHoursCalendar.ClockKey</c>): moving the silo's TimeProvider misleads Orleans'
/// membership, which then declares the silo dead.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan _shift = now - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
}
