using System.Diagnostics;
using Kasse.Web.Realtime;

namespace Kasse.Tests.Chat;

public sealed class SendBudgetTests
{
    private static readonly long OneSecond = Stopwatch.Frequency;

    // Each test reads the clock after creating the budget: the budget counts time from its creation.

    [Fact]
    public void A_burst_is_allowed_then_refused_until_time_refills_it()
    {
        var budget = new SendBudget(burst: 3, tokensPerSecond: 2);
        var start = Stopwatch.GetTimestamp();

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(budget.TryTake(start)));
        Assert.False(budget.TryTake(start));

        // Half a second at 2 per second is one more token, and only one.
        Assert.True(budget.TryTake(start + OneSecond / 2));
        Assert.False(budget.TryTake(start + OneSecond / 2));
    }

    [Fact]
    public void A_long_pause_refills_no_more_than_the_burst()
    {
        var budget = new SendBudget(burst: 2, tokensPerSecond: 10);
        var start = Stopwatch.GetTimestamp();
        Assert.True(budget.TryTake(start));
        Assert.True(budget.TryTake(start));

        var later = start + 60 * OneSecond;
        Assert.True(budget.TryTake(later));
        Assert.True(budget.TryTake(later));
        Assert.False(budget.TryTake(later));
    }

    [Fact]
    public void A_clock_reading_from_before_the_last_refill_adds_nothing()
    {
        var budget = new SendBudget(burst: 1, tokensPerSecond: 1);
        var start = Stopwatch.GetTimestamp();
        Assert.True(budget.TryTake(start + OneSecond));
        Assert.False(budget.TryTake(start));
        // Had the early reading moved the clock back, this would count the same second twice.
        Assert.False(budget.TryTake(start + OneSecond + OneSecond / 2));
        Assert.True(budget.TryTake(start + 2 * OneSecond));
    }
}
