using System.Globalization;
using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Reads <see cref="ServiceHoursOptions"/> once and answers, for any instant, whether the service is open. "Now" comes
/// from the TimeProvider registered under <see cref="ClockKey"/> if there is one (tests move it to a Sunday evening
/// without moving the silo's own clock), else from the silo's TimeProvider.
/// </summary>
public sealed class ServiceHoursCalendar
{
    public const string ClockKey = "service-hours";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private readonly bool _alwaysOpen;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _days;
    private readonly TimeSpan _opens;
    private readonly TimeSpan _closes;
    private readonly HashSet<DateOnly> _holidays;

    private readonly TimeProvider _clock;

    public ServiceHoursCalendar(ServiceHoursOptions options, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _alwaysOpen = options.AlwaysOpen == true;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        _days = [.. options.Days ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]];
        _opens = TimeSpan.ParseExact(options.Opens, @"hh\:mm", CultureInfo.InvariantCulture);
        _closes = TimeSpan.ParseExact(options.Closes, @"hh\:mm", CultureInfo.InvariantCulture);
        if (_closes <= _opens)
            throw new ArgumentException($"{ServiceHoursOptions.Section}: Closes must be after Opens.", nameof(options));
        _holidays = [.. (options.Holidays ?? []).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    /// <summary>Whether the service is open now.</summary>
    public ServiceStatus Now() => StatusAt(_clock.GetUtcNow());

    public ServiceStatus StatusAt(DateTimeOffset now)
    {
        if (_alwaysOpen)
            return new ServiceStatus(true, null, null, "service.alwaysOpen", "Unser Chat ist jederzeit für Sie da.");
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        if (IsServiceDay(today) && local.TimeOfDay >= _opens && local.TimeOfDay < _closes)
        {
            var closes = At(today, _closes);
            return new ServiceStatus(true, null, closes, "service.open", $"Unser Chat ist heute bis {closes:HH:mm} Uhr für Sie da.");
        }
        var next = NextOpening(today, local.TimeOfDay);
        var key = _holidays.Contains(today) ? "service.closedHoliday" : "service.closed";
        var when = next is { } n ? $" Wir sind wieder für Sie da am {n.ToString("dddd, d. MMMM", German)} ab {n:HH:mm} Uhr." : "";
        return new ServiceStatus(false, next, null, key, $"Unser Chat ist gerade geschlossen.{when} Gern rufen wir Sie zurück.");
    }

    private bool IsServiceDay(DateOnly day) => _days.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    private DateTimeOffset? NextOpening(DateOnly today, TimeSpan timeOfDay)
    {
        for (var d = 0; d <= 400; d++)
        {
            var day = today.AddDays(d);
            if (IsServiceDay(day) && (d > 0 || timeOfDay < _opens))
                return At(day, _opens);
        }
        return null;
    }

    /// <summary>A wall-clock time of the zone as an instant with the zone's offset then.</summary>
    private DateTimeOffset At(DateOnly day, TimeSpan time)
    {
        var wall = day.ToDateTime(TimeOnly.FromTimeSpan(time), DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, _zone.GetUtcOffset(wall));
    }
}
