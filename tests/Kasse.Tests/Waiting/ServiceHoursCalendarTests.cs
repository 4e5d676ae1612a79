using Kasse.Grains.Inbox;

namespace Kasse.Tests.Waiting;

/// <summary>Opening hours in Europe/Berlin: weekdays, the daily window, public holidays, summer time.</summary>
public sealed class ServiceHoursCalendarTests
{
    private static readonly ServiceHoursCalendar Hours = new(new ServiceHoursOptions
    {
        AlwaysOpen = false,
        Holidays = ["2026-12-24", "2026-12-25"],
    });

    [Fact]
    public void Weekday_within_the_hours_is_open_until_closing_time()
    {
        var status = Hours.StatusAt(Berlin("2026-12-07T10:00:00+01:00"));

        Assert.True(status.Open);
        Assert.Equal(Berlin("2026-12-07T18:00:00+01:00"), status.ClosesAt);
        Assert.Equal("service.open", status.MessageKey);
    }

    [Fact]
    public void Friday_evening_is_closed_until_monday_morning_in_berlin_time()
    {
        var status = Hours.StatusAt(Berlin("2026-12-11T18:00:00+01:00"));

        Assert.False(status.Open);
        Assert.Equal(Berlin("2026-12-14T08:00:00+01:00"), status.NextOpening);
        Assert.Equal(TimeSpan.FromHours(1), status.NextOpening!.Value.Offset);
        Assert.Equal("service.closed", status.MessageKey);
        Assert.Contains("Montag, 14. Dezember ab 08:00 Uhr", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_morning_opens_the_same_day_and_holidays_are_skipped()
    {
        Assert.Equal(Berlin("2026-12-07T08:00:00+01:00"), Hours.StatusAt(Berlin("2026-12-07T06:59:00+01:00")).NextOpening);

        var christmas = Hours.StatusAt(Berlin("2026-12-24T10:00:00+01:00"));
        Assert.False(christmas.Open);
        Assert.Equal("service.closedHoliday", christmas.MessageKey);
        Assert.Equal(Berlin("2026-12-28T08:00:00+01:00"), christmas.NextOpening);
    }

    [Fact]
    public void Hours_follow_summer_time()
    {
        // 06:30 UTC is 08:30 in Berlin in summer (open), 07:30 in winter (closed).
        Assert.True(Hours.StatusAt(DateTimeOffset.Parse("2026-07-06T06:30:00Z", System.Globalization.CultureInfo.InvariantCulture)).Open);
        Assert.False(Hours.StatusAt(DateTimeOffset.Parse("2026-12-07T06:30:00Z", System.Globalization.CultureInfo.InvariantCulture)).Open);
        Assert.Equal(TimeSpan.FromHours(2), Hours.StatusAt(Berlin("2026-07-04T12:00:00+02:00")).NextOpening!.Value.Offset);
    }

    [Fact]
    public void Always_open_is_open_on_a_sunday_night()
    {
        var status = new ServiceHoursCalendar(new ServiceHoursOptions { AlwaysOpen = true }).StatusAt(Berlin("2026-12-06T23:00:00+01:00"));

        Assert.True(status.Open);
        Assert.Null(status.NextOpening);
        Assert.Equal("service.alwaysOpen", status.MessageKey);
    }

    private static DateTimeOffset Berlin(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
