namespace Kasse.Grains.Inbox;

/// <summary>
/// Opening hours of the service (<c>Inbox:ServiceHours</c>), global for every queue: the weekdays and the daily time
/// window, in <see cref="TimeZone"/>, except on <see cref="Holidays"/>. Unset <see cref="AlwaysOpen"/> means hours
/// apply — except in Development (the embedded demo), which is always open so that someone trying it in the evening
/// can chat.
/// </summary>
public sealed class ServiceHoursOptions
{
    public const string Section = "Inbox:ServiceHours";

    /// <summary>True: open at every hour (the default in Development). False or unset: the hours below apply.</summary>
    public bool? AlwaysOpen { get; set; }

    /// <summary>IANA time zone of the hours.</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>Open weekdays (English names); unset: Monday to Friday.</summary>
    public DayOfWeek[]? Days { get; set; }

    /// <summary>Opening time, HH:mm.</summary>
    public string Opens { get; set; } = "08:00";

    /// <summary>Closing time, HH:mm (exclusive).</summary>
    public string Closes { get; set; } = "18:00";

    /// <summary>Closed days (public holidays), yyyy-MM-dd in the time zone.</summary>
    public string[]? Holidays { get; set; }
}
