using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>
/// The journey owner, the stream and its two consumers in memory, with the owner's catch-up pushed out of reach: so
/// whatever recovers a lost notification here is the consumers' own gap detection reading the table.
/// </summary>
public sealed class JourneyStreamTests(JourneyStreamTests.Fixture fixture) : IClassFixture<JourneyStreamTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public JourneyCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() => Cluster = await JourneyCluster.StartAsync(postgres: false, catchUpDelay: TimeSpan.FromHours(1));

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string NewCustomer() => $"c-test-{Guid.NewGuid():N}";

    private static JourneyEventInput Event(JourneyEventKind kind, string? tariff, string? eventId = null, string page = "/tarife") =>
        new(eventId ?? Guid.NewGuid().ToString("N"), kind, tariff, page, "portal");

    [Fact]
    public async Task The_same_event_id_twice_is_stored_once_and_answers_the_same_seq()
    {
        var customer = NewCustomer();
        var journey = fixture.Cluster.Grains.GetGrain<IJourneyGrain>(customer);
        var input = Event(JourneyEventKind.TariffViewed, "Krankengeld");

        var first = await journey.Track(input);
        var again = await journey.Track(input);
        var next = await journey.Track(Event(JourneyEventKind.PageView, null));

        Assert.Equal(new JourneyTrackResult(1, Duplicate: false), first);
        Assert.Equal(new JourneyTrackResult(1, Duplicate: true), again);
        Assert.Equal(2, next.Seq);
        var stored = await fixture.Cluster.Store.ReadAsync(customer, 0, 100);
        Assert.Equal([1L, 2L], stored.Select(e => e.Seq));
    }

    [Fact]
    public async Task Concurrent_events_of_one_customer_get_gap_free_seqs()
    {
        var customer = NewCustomer();
        var journey = fixture.Cluster.Grains.GetGrain<IJourneyGrain>(customer);
        var inputs = Enumerable.Range(0, 60).Select(i => Event(JourneyEventKind.PageView, null, page: $"/seite/{i % 7}")).ToArray();

        // Every event sent twice at once: the retries must neither add rows nor leave holes.
        var results = await Task.WhenAll(inputs.Concat(inputs).Select(journey.Track));

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), results.Where(r => !r.Duplicate).Select(r => r.Seq).Order());
        var stored = await fixture.Cluster.Store.ReadAsync(customer, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), stored.Select(e => e.Seq));
        Assert.Equal(60, stored.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(60, await journey.GetLastSeq());
    }

    [Fact]
    public async Task A_tariff_viewed_reaches_the_customer_grain_over_the_stream()
    {
        var customer = NewCustomer();
        var journey = fixture.Cluster.Grains.GetGrain<IJourneyGrain>(customer);
        var context = fixture.Cluster.Grains.GetGrain<ICustomerJourneyGrain>(customer);
        Assert.Null((await context.GetJourneyContext()).LastTariffViewed);

        await journey.Track(Event(JourneyEventKind.TariffViewed, "Krankengeld"));
        await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.LastTariffViewed == "Krankengeld", Wait, "last tariff Krankengeld");
        await journey.Track(Event(JourneyEventKind.TariffViewed, "Zahnzusatz"));
        await journey.Track(Event(JourneyEventKind.TariffSelected, "Krankengeld"));

        var seen = await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.AppliedSeq == 3, Wait, "seq 3 applied");
        Assert.Equal("Zahnzusatz", seen.LastTariffViewed);
        Assert.NotNull(seen.LastTariffViewedAt);
    }

    [Fact]
    public async Task A_lost_notification_is_read_from_the_table_when_the_next_event_shows_the_gap()
    {
        var customer = NewCustomer();
        var journey = fixture.Cluster.Grains.GetGrain<IJourneyGrain>(customer);
        var context = fixture.Cluster.Grains.GetGrain<ICustomerJourneyGrain>(customer);
        await journey.Track(Event(JourneyEventKind.PageView, null));
        await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.AppliedSeq == 1, Wait, "seq 1 applied");
        fixture.Cluster.Hooks.Triggered[JourneyEventKind.TariffViewed] = ["zahn-nachfass"];

        var lost = Event(JourneyEventKind.TariffViewed, "Zahnzusatz");
        fixture.Cluster.Hooks.Drops[lost.EventId] = true;
        await journey.Track(lost);
        await journey.Track(Event(JourneyEventKind.PageView, null));

        var seen = await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.AppliedSeq == 3, Wait, "seq 3 applied");
        Assert.Equal("Zahnzusatz", seen.LastTariffViewed);
        var trigger = fixture.Cluster.Grains.GetGrain<IJourneyTriggerGrain>(customer);
        await Eventually.ReturnsAsync(trigger.GetCheckpoint, seq => seq == 3, Wait, "trigger checkpoint 3");
        var triggered = Assert.Single(fixture.Cluster.Hooks.Triggers, t => t.Event.CustomerKey == customer);
        Assert.Equal(("zahn-nachfass", 2L, "Zahnzusatz"), (triggered.CampaignId, triggered.Event.Seq, triggered.Event.Tariff));
    }

    [Fact]
    public async Task A_triggering_event_reaches_each_triggered_campaign_once()
    {
        var customer = NewCustomer();
        fixture.Cluster.Hooks.Triggered[JourneyEventKind.ApplicationStarted] = ["antrag-hilfe", "antrag-bonus"];
        var journey = fixture.Cluster.Grains.GetGrain<IJourneyGrain>(customer);
        var started = Event(JourneyEventKind.ApplicationStarted, "Krankengeld");

        await journey.Track(Event(JourneyEventKind.PageView, null));
        await journey.Track(started);
        await journey.Track(started);

        var trigger = fixture.Cluster.Grains.GetGrain<IJourneyTriggerGrain>(customer);
        await Eventually.ReturnsAsync(trigger.GetCheckpoint, seq => seq == 2, Wait, "trigger checkpoint 2");
        var mine = fixture.Cluster.Hooks.Triggers.Where(t => t.Event.CustomerKey == customer).ToArray();
        Assert.Equal(["antrag-bonus", "antrag-hilfe"], mine.Select(t => t.CampaignId).Order());
        Assert.All(mine, t => Assert.Equal((2L, started.EventId), (t.Event.Seq, t.Event.EventId)));
    }

    [Fact]
    public async Task An_event_with_a_query_in_its_page_is_refused_and_takes_no_seq()
    {
        var customer = NewCustomer();
        var journey = fixture.Cluster.Grains.GetGrain<IJourneyGrain>(customer);

        var refused = await Assert.ThrowsAsync<CampaignException>(() => journey.Track(Event(JourneyEventKind.PageView, null, page: "/tarife?kvnr=A123456780")));
        var accepted = await journey.Track(Event(JourneyEventKind.PageView, null));

        Assert.Equal(CampaignErrors.JourneyInvalid, refused.Code);
        Assert.Equal(1, accepted.Seq);
    }
}
