using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Nba;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>The embedded default's next-best-action stores keep a bounded number of decisions and outcomes.</summary>
public sealed class InMemoryNbaStoreBoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_reward_store_forgets_the_oldest_decisions_beyond_its_bound_and_keeps_their_counts()
    {
        var store = new InMemoryOfferRewardStore(maxDecisions: 100);
        var decisions = Enumerable.Range(0, 250).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < decisions.Count; i++)
            await store.RecordAsync(decisions[i], "bonus", ContactChannel.Banner, success: i % 5 == 0, Now);

        Assert.Equal(100, store.RememberedDecisions);
        Assert.Equal((250L, 50L), await store.CountAsync("bonus", ContactChannel.Banner));
        // A decision still remembered counts once, however often it is reported; its first success still counts.
        Assert.Equal((false, false), await store.RecordAsync(decisions[^1], "bonus", ContactChannel.Banner, success: false, Now));
        Assert.Equal((false, true), await store.RecordAsync(decisions[^2], "bonus", ContactChannel.Banner, success: true, Now));
        Assert.Equal((250L, 51L), await store.CountAsync("bonus", ContactChannel.Banner));
        Assert.Equal((0L, 0L), await store.CountAsync("bonus", ContactChannel.AgentDesktop));
    }

    [Fact]
    public async Task The_decision_log_keeps_the_newest_decisions_and_outcomes_only()
    {
        var log = new InMemoryNbaDecisionLog(maxDecisions: 10);
        var decisions = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        foreach (var decision in decisions)
        {
            await log.AppendDecisionsAsync([new NbaDecisionRecord(decision, "bonus", "c-1", Now, ContactChannel.Banner, ContactSource.Banner,
                "portal", $"nba:{decision:N}:bonus", 1, 0.5, 1.0, 2, 1)]);
            for (var o = 0; o < 6; o++)
                Assert.True(await log.AppendOutcomeAsync(new NbaOutcomeRecord(decision, $"o{o}", "bonus", ContactOutcome.Impression, Now)));
        }

        Assert.Null(await log.FindAsync(decisions[0], "bonus"));
        Assert.NotNull(await log.FindAsync(decisions[^1], "bonus"));
        Assert.Equal(10 * InMemoryNbaDecisionLog.OutcomesPerDecision, log.OutcomeCount);
        Assert.False(await log.AppendOutcomeAsync(new NbaOutcomeRecord(decisions[^1], "o5", "bonus", ContactOutcome.Impression, Now)));
    }
}
