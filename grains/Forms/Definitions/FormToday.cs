namespace Kasse.Grains.Forms.Definitions;

/// <summary>The day forms are judged on: today in Germany (Europe/Berlin), from the silo's clock.</summary>
public static class FormToday
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateOnly Of(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Berlin).DateTime);
    }
}
