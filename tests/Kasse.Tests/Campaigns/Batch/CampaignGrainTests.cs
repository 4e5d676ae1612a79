using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Batch;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>The campaign grain on the embedded server: lifecycle, a batch run, pause and resume, triggered contacts.</summary>
public sealed class CampaignGrainTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_lifecycle_refuses_what_its_state_does_not_allow()
    {
        var gate = new RecordingContactGate();
        await using var host = await CampaignTestHosts.StartAsync(gate, await CampaignTestHosts.MasterWithAsync([]));
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var campaign = grains.GetGrain<ICampaignGrain>("lebenszyklus");
        var later = CampaignSamples.Magazine(schedule: new CampaignSchedule(CampaignScheduleKind.OneOff, StartAt: DateTimeOffset.UtcNow.AddDays(30)));

        Assert.Equal(CampaignErrors.CampaignNotFound, (await Assert.ThrowsAsync<CampaignException>(campaign.GetView)).Code);
        var invalid = await Assert.ThrowsAsync<CampaignException>(() => campaign.Save(later with { ControlGroupPercent = 90 }, "admin"));
        Assert.Equal(CampaignErrors.CampaignInvalid, invalid.Code);
        Assert.Equal(1, (await campaign.Save(later, "admin")).Version);
        Assert.Equal(1, (await campaign.Save(later, "admin")).Version);
        Assert.Equal(2, (await campaign.Save(later with { Description = "neu" }, "admin")).Version);
        Assert.Equal(CampaignErrors.CampaignState, (await Assert.ThrowsAsync<CampaignException>(() => campaign.Pause("admin"))).Code);
        Assert.Equal(CampaignErrors.CampaignState, (await Assert.ThrowsAsync<CampaignException>(() => campaign.Complete("admin"))).Code);

        var active = await campaign.Activate("admin");
        Assert.Equal((CampaignStatus.Active, null), (active.Status, active.CurrentRun));
        Assert.Equal(CampaignStatus.Active, (await campaign.Activate("admin")).Status);
        Assert.Equal(CampaignErrors.CampaignState, (await Assert.ThrowsAsync<CampaignException>(() => campaign.Save(later, "admin"))).Code);
        Assert.Equal(CampaignStatus.Paused, (await campaign.Pause("admin")).Status);
        Assert.Equal(3, (await campaign.Save(later with { Description = "pausiert geändert" }, "admin")).Version);
        Assert.Equal(CampaignStatus.Completed, (await campaign.Complete("admin")).Status);
        Assert.Equal(CampaignErrors.CampaignState, (await Assert.ThrowsAsync<CampaignException>(() => campaign.Activate("admin"))).Code);
        Assert.Equal(CampaignErrors.CampaignState, (await Assert.ThrowsAsync<CampaignException>(() => campaign.Save(later, "admin"))).Code);

        var entry = Assert.Single(await grains.GetGrain<ICampaignDirectoryGrain>(0).List(), e => e.CampaignId == "lebenszyklus");
        Assert.Equal((CampaignStatus.Completed, CampaignScheduleKind.OneOff), (entry.Status, entry.ScheduleKind));
        var versions = await host.Services.GetRequiredService<ICampaignVersionStore>().ListAsync("lebenszyklus");
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal("pausiert geändert", CampaignJson.Deserialize(versions[2].DefinitionJson)!.Description);
    }

    [Fact]
    public async Task A_paused_run_stops_between_pages_and_resumed_contacts_everyone_exactly_once()
    {
        // Four pages and some; the hold falls in the second page (the first asks for about 95 % of a page).
        const int Customers = CampaignGrain.PageSize * 4 + 300;
        var gate = new RecordingContactGate { HoldAfterReserves = CampaignGrain.PageSize * 7 / 5 };
        var master = await CampaignTestHosts.MasterWithAsync(
            CampaignSamples.Population(Customers, postalCode: "04109").Concat(CampaignSamples.Population(200, "z", postalCode: "01067")).ToList());
        await using var host = await CampaignTestHosts.StartAsync(gate, master);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var campaign = grains.GetGrain<ICampaignGrain>("magazin-pause");
        await campaign.Save(CampaignSamples.Magazine(postalCode: "04109"), "admin");

        await campaign.Activate("admin");
        await gate.Held.WaitAsync(TestTimeouts.ForEvent(RunTimeout));
        var paused = await campaign.Pause("admin");
        gate.Release();
        // The first page committed before the hold; the held second one commits after the release, and then the run stops.
        var stopped = await Eventually.ReturnsAsync(campaign.GetView, v => v.CurrentRun!.Scanned >= CampaignGrain.PageSize * 2L, RunTimeout, "the held page to commit");

        Assert.Equal((CampaignStatus.Paused, CampaignRunStatus.Paused), (paused.Status, stopped.CurrentRun!.Status));
        Assert.Equal(CampaignGrain.PageSize * 2L, stopped.CurrentRun.Scanned);
        var callsWhenPaused = gate.ReserveCalls;
        Assert.Equal(stopped.CurrentRun.Contacted.Values.Sum(), gate.ConfirmedPerCustomer.Count);
        Assert.Equal(stopped.CurrentRun.Contacted.Values.Sum(), callsWhenPaused);

        await campaign.Activate("admin");
        var done = await Eventually.ReturnsAsync(campaign.GetView, v => v.CurrentRun!.Status == CampaignRunStatus.Completed, RunTimeout, "the resumed run to end");

        var run = done.CurrentRun!;
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(stopped.CurrentRun.RunId, run.RunId);
        Assert.Equal((Customers + 200L, Customers + 200L, (long)Customers), (run.TotalCustomers, run.Scanned, run.Targeted));
        Assert.Equal(Customers, run.ControlGroup + run.Contacted.Values.Sum());
        Assert.InRange(run.ControlGroup, Customers * 3 / 100, Customers * 8 / 100);
        Assert.True(gate.ReserveCalls > callsWhenPaused);
        Assert.Equal(run.Contacted.Values.Sum(), gate.ConfirmedPerCustomer.Count);
        Assert.All(gate.ConfirmedPerCustomer.Values, count => Assert.Equal(1, count));
        Assert.All(gate.ConfirmedPerCustomer.Keys, key => Assert.StartsWith("c", key, StringComparison.Ordinal));
        var store = (InMemoryCampaignContactStore)host.Services.GetRequiredService<ICampaignContactStore>();
        Assert.Equal(Customers, store.All.Count(r => r.RunId == run.RunId));
    }

    [Fact]
    public async Task Waiting_for_a_run_answers_with_its_progress_while_it_is_held_and_with_the_run_once_it_has_ended()
    {
        var gate = new RecordingContactGate { HoldAfterReserves = 10 };
        await using var host = await CampaignTestHosts.StartAsync(gate, await CampaignTestHosts.MasterWithAsync(CampaignSamples.Population(300, postalCode: "20095")));
        var campaign = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>("magazin-warten");
        await campaign.Save(CampaignSamples.Magazine(postalCode: "20095"), "admin");
        var runId = (await campaign.Activate("admin")).CurrentRun!.RunId;
        await gate.Held.WaitAsync(TestTimeouts.ForEvent(RunTimeout));

        var held = await campaign.WaitForRun(runId, TimeSpan.FromMilliseconds(200));
        gate.Release();
        var ended = await campaign.WaitForRun(runId, CampaignGrain.MaxRunWait);

        Assert.Equal((CampaignRunStatus.Running, 0L), (held.Status, held.Scanned));
        Assert.Equal((CampaignRunStatus.Completed, 300L), (ended.Status, ended.Scanned));
        Assert.Equal(CampaignErrors.CampaignNotFound, (await Assert.ThrowsAsync<CampaignException>(() => campaign.WaitForRun(Guid.NewGuid(), TimeSpan.FromSeconds(1)))).Code);
    }

    [Fact]
    public async Task A_triggered_campaign_contacts_the_customer_of_a_matching_event_once_per_event_and_day()
    {
        var gate = new RecordingContactGate();
        var customers = CampaignSamples.Population(200, "t", postalCode: "50667");
        await using var host = await CampaignTestHosts.StartAsync(gate, await CampaignTestHosts.MasterWithAsync(customers));
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var campaign = grains.GetGrain<ICampaignGrain>("krankengeld-nachfass");
        var definition = CampaignSamples.Magazine(postalCode: "50667", controlPercent: 20,
            schedule: new CampaignSchedule(CampaignScheduleKind.Triggered, TriggerEvent: JourneyEventKind.TariffViewed, TriggerTariff: "Krankengeld")) with
        {
            Purpose = ContactPurpose.Information,
        };
        await campaign.Save(definition, "admin");
        JourneyEvent Viewed(string key, long seq, string tariff = "Krankengeld") =>
            new(key, seq, $"e-{key}-{seq}", JourneyEventKind.TariffViewed, tariff, "/tarife/krankengeld", "portal", DateTimeOffset.UtcNow);

        Assert.Null(await campaign.Trigger(Viewed(customers[1].CustomerKey, 1)));
        await campaign.Activate("admin");
        Assert.Equal(["krankengeld-nachfass"], await grains.GetGrain<ICampaignDirectoryGrain>(0).ListTriggered(JourneyEventKind.TariffViewed));
        Assert.Empty(await grains.GetGrain<ICampaignDirectoryGrain>(0).ListTriggered(JourneyEventKind.ApplicationStarted));

        var decisions = new List<(string Key, ContactDecision? Decision)>();
        foreach (var customer in customers.Take(50))
            decisions.Add((customer.CustomerKey, await campaign.Trigger(Viewed(customer.CustomerKey, 7))));
        var granted = decisions.Where(d => d.Decision is { Granted: true }).ToList();
        var control = decisions.Where(d => d.Decision is { Granted: false, PolicyRule: CampaignGrain.ControlGroupRule }).ToList();
        Assert.Equal(50, granted.Count + control.Count);
        Assert.NotEmpty(control);
        Assert.All(granted, d => Assert.Equal(CampaignContactIds.Triggered("krankengeld-nachfass", d.Key, 7), d.Decision!.ContactId));

        var first = granted[0];
        Assert.Equal(first.Decision, await campaign.Trigger(Viewed(first.Key, 7)));
        Assert.Null(await campaign.Trigger(Viewed(first.Key, 8)));
        Assert.Null(await campaign.Trigger(Viewed(customers[60].CustomerKey, 9, "Zahnzusatz")));
        Assert.All(gate.ConfirmedPerCustomer.Values, count => Assert.Equal(1, count));
        Assert.Equal(granted.Count, gate.ConfirmedPerCustomer.Count);
        Assert.All(gate.Requests, r => Assert.Equal(ContactSource.CampaignTrigger, r.Source));
        var run = (await campaign.GetView()).CurrentRun!;
        Assert.Equal((50L, (long)control.Count, (long)granted.Count), (run.Targeted, run.ControlGroup, run.Contacted.Values.Sum()));
    }
}
