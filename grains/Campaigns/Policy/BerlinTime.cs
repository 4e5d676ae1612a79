namespace Kasse.Grains.Campaigns.Policy;

/// <summary>Quiet periods and the contact policy's calendar days are German local time.</summary>
public static class BerlinTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTime LocalOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}
