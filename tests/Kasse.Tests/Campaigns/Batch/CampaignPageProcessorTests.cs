using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Batch;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>One page of a batch run against the in-memory contacts table and a recording gate.</summary>
public sealed class CampaignPageProcessorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_page_contacts_every_targeted_customer_once_and_records_the_control_group()
    {
        var gate = new RecordingContactGate();
        var store = new InMemoryCampaignContactStore();
        var campaign = CompiledCampaign.Compile("magazin", 1, CampaignSamples.Magazine(controlPercent: 10));
        var page = CampaignSamples.Population(400).Concat(CampaignSamples.Population(50, "x", postalCode: "20095")).ToList();
        var runId = Guid.NewGuid();

        var counters = await new CampaignPageProcessor(gate, store).ProcessAsync(campaign, runId, page, new DailyVolume(), Now);

        Assert.Equal((450L, 400L), (counters.Scanned, counters.Targeted));
        Assert.InRange(counters.ControlGroup, 20, 60);
        Assert.Equal(400 - counters.ControlGroup, counters.Contacted.Values.Sum());
        Assert.Equal(counters.Targeted, store.All.Count);
        Assert.Equal(counters.ControlGroup, store.All.Count(r => r.Control));
        Assert.All(store.All.Where(r => r.Control), r => Assert.False(gate.ConfirmedPerCustomer.ContainsKey(r.CustomerKey)));
        Assert.All(gate.ConfirmedPerCustomer.Values, count => Assert.Equal(1, count));
        Assert.All(gate.Requests, r => Assert.Equal((ContactSource.CampaignBatch, ContactPurpose.Information, "magazin"), (r.Source, r.Purpose, r.CampaignId)));
        // The customer's preferred channel first: every 5th customer (0, 5, …) prefers e-mail; every 3rd has no address.
        var emailPreferring = store.All.Where(r => !r.Control && Number(r.CustomerKey) % 5 == 0 && Number(r.CustomerKey) % 3 != 0).ToList();
        Assert.NotEmpty(emailPreferring);
        Assert.All(emailPreferring, r => Assert.Equal(ContactChannel.Email, r.Channel));
        Assert.All(store.All.Where(r => !r.Control && Number(r.CustomerKey) % 3 == 0), r => Assert.NotEqual(ContactChannel.Email, r.Channel));
        Assert.DoesNotContain(store.All, r => r.CustomerKey.StartsWith('x'));
    }

    private static int Number(string customerKey) => int.Parse(customerKey[1..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_replayed_page_asks_nobody_twice_and_counts_the_same()
    {
        var gate = new RecordingContactGate();
        var store = new InMemoryCampaignContactStore();
        var campaign = CompiledCampaign.Compile("magazin", 1, CampaignSamples.Magazine());
        var page = CampaignSamples.Population(300);
        var runId = Guid.NewGuid();
        var processor = new CampaignPageProcessor(gate, store);

        var first = await processor.ProcessAsync(campaign, runId, page, new DailyVolume(), Now);
        var calls = gate.ReserveCalls;
        var replay = await processor.ProcessAsync(campaign, runId, page, new DailyVolume(), Now);

        Assert.Equal(calls, gate.ReserveCalls);
        Assert.Equal(first.Contacted, replay.Contacted);
        Assert.Equal(first.ControlGroup, replay.ControlGroup);
        Assert.Equal(300, store.All.Count);
    }

    [Fact]
    public async Task Daily_limits_move_contacts_to_the_next_channel_then_defer_and_refusals_give_their_volume_back()
    {
        var gate = new RecordingContactGate();
        var store = new InMemoryCampaignContactStore();
        var limits = new Dictionary<ContactChannel, int> { [ContactChannel.Letter] = 10, [ContactChannel.Email] = 10, [ContactChannel.AppPush] = 10 };
        var campaign = CompiledCampaign.Compile("magazin", 1, CampaignSamples.Magazine(controlPercent: 0, limits: limits));
        var page = CampaignSamples.Population(100);
        gate.RefuseFor[page[0].CustomerKey] = ContactRefusal.LimitReached;
        var volume = new DailyVolume();

        var counters = await new CampaignPageProcessor(gate, store).ProcessAsync(campaign, Guid.NewGuid(), page, volume, Now);

        // The page is planned before the customer grains answer: the refused slot is free again for the next page.
        Assert.Equal(29, counters.Contacted.Values.Sum());
        Assert.All(counters.Contacted.Values, count => Assert.InRange(count, 9, 10));
        Assert.Equal(1L, counters.Refused[ContactRefusal.LimitReached]);
        Assert.Equal(70L, counters.DeferredByVolume);
        Assert.Equal(29, volume.Used.Values.Sum());
        Assert.Equal(29, store.All.Count);
    }
}
