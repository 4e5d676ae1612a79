namespace Kasse.Grains.EinmalPin;

/// <summary>The growing delay after failed logins: <c>FirstDelay × 2^(n-1)</c> after the n-th failure, capped.</summary>
public static class PinLoginDelays
{
    public static TimeSpan After(int failures, TimeSpan firstDelay, TimeSpan cap)
    {
        if (failures <= 0)
            return TimeSpan.Zero;
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(firstDelay.Ticks * factor, cap.Ticks));
        return delay;
    }
}
