using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Results;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>The STP rate and the Berlin day of the results grain.</summary>
public sealed class PinResultsGrainRulesTests
{
    [Fact]
    public void The_stp_rate_is_closed_automatically_over_every_case_the_rule_set_decided()
    {
        var counts = new Dictionary<PinCaseStatus, long>
        {
            [PinCaseStatus.ClosedAutomatically] = 6,
            [PinCaseStatus.WithClerk] = 1,
            [PinCaseStatus.ClosedByClerk] = 1,
            [PinCaseStatus.Submitted] = 100, // not decided yet: not in the rate
            [PinCaseStatus.Expired] = 50,
        };
        Assert.Equal(0.75, PinResultsGrain.StpRate(counts));
    }

    [Fact]
    public void The_stp_rate_is_zero_when_nothing_was_decided() =>
        Assert.Equal(0, PinResultsGrain.StpRate(new Dictionary<PinCaseStatus, long> { [PinCaseStatus.Imported] = 10 }));

    [Theory]
    [InlineData("2026-12-07", "2026-12-06T23:00:00Z", "2026-12-07T23:00:00Z")]
    [InlineData("2026-07-01", "2026-06-30T22:00:00Z", "2026-07-01T22:00:00Z")]
    [InlineData("2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")] // clocks go forward: 23 hours
    [InlineData("2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")] // clocks go back: 25 hours
    public void A_day_of_the_results_is_a_calendar_day_in_Berlin(string day, string from, string until)
    {
        var (start, end) = PinResultsGrain.BerlinDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), end);
    }
}
