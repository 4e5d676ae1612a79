using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>A lost last notification, with no event after it: the owner's catch-up after a quiet spell recovers it.</summary>
public sealed class JourneyCatchUpTests
{
    [Fact]
    public async Task A_lost_last_notification_is_recovered_by_the_catch_up()
    {
        await using var cluster = await JourneyCluster.StartAsync(postgres: false, catchUpDelay: TimeSpan.FromMilliseconds(300));
        var customer = $"c-test-{Guid.NewGuid():N}";
        cluster.Hooks.Triggered[JourneyEventKind.TariffViewed] = ["krankengeld-nachfass"];
        var journey = cluster.Grains.GetGrain<IJourneyGrain>(customer);
        var context = cluster.Grains.GetGrain<ICustomerJourneyGrain>(customer);
        await journey.Track(new JourneyEventInput("e-1", JourneyEventKind.PageView, null, "/start", "app"));
        await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.AppliedSeq == 1, TimeSpan.FromSeconds(10), "seq 1 applied");

        cluster.Hooks.Drops["e-2"] = true;
        await journey.Track(new JourneyEventInput("e-2", JourneyEventKind.TariffViewed, "Krankengeld", "/tarife/krankengeld", "app"));

        var seen = await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.AppliedSeq == 2, TimeSpan.FromSeconds(10), "seq 2 applied");
        Assert.Equal("Krankengeld", seen.LastTariffViewed);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(cluster.Hooks.Triggers.Count(t => t.Event.CustomerKey == customer)), n => n == 1, TimeSpan.FromSeconds(10), "one trigger");
    }
}
