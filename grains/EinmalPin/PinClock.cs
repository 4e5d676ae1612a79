namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The clock of the EinmalPIN login (delays, locks, case sessions, expiry): the TimeProvider registered under
/// <see cref="Key"/> if there is one, else the silo's; tests move it without moving the silo's own clock (which would
/// mislead Orleans' membership).
/// </summary>
public sealed class PinClock(TimeProvider time)
{
    public const string Key = "einmalpin";

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Today in Germany: deadlines are German calendar days.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Berlin).DateTime);

    private static readonly TimeZoneInfo Berlin = FindBerlin();

    private static TimeZoneInfo FindBerlin()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
