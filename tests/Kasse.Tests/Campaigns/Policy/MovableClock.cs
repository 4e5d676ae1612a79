namespace Kasse.Tests.Campaigns.Policy;

/// <summary>The real clock, moved on by the test whenever it likes (days, minutes): the customer grains' contact clock.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private long _shiftTicks = (start - DateTimeOffset.UtcNow).Ticks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    /// <summary>Jumps to <paramref name="moment"/> (time runs on from there).</summary>
    public void Set(DateTimeOffset moment) => Interlocked.Exchange(ref _shiftTicks, (moment - DateTimeOffset.UtcNow).Ticks);
}
