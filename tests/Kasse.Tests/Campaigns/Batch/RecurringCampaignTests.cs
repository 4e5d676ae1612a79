using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Batch;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Campaigns.Policy;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>
/// A recurring campaign on a cluster whose clock the test moves: the next run starts on the next occurrence (not
/// before), and the customers a run deferred because the channel's daily limit was used up come first in the next run.
/// The keep-alive reminder is ticked by the test (as the reminder service would) after moving the clock.
/// </summary>
public sealed class RecurringCampaignTests
{
    private const string PostalCode = "20095";
    private const int LettersPerDay = 4;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_recurring_campaign_runs_again_on_its_next_occurrence_and_not_before()
    {
        await using var cluster = await StartAsync(customers: 6);
        var campaign = cluster.GrainsOf(0).GetGrain<ICampaignGrain>("wochenpost");
        await campaign.Save(Weekly(), "admin");
        await campaign.Activate("admin");
        var first = await RunEndedAsync(campaign, previous: null);
        Assert.Equal(CampaignStatus.Active, (await campaign.GetView()).Status);

        cluster.Clock.Advance(TimeSpan.FromDays(6));
        await TickAsync(campaign);
        var view = await campaign.GetView();
        Assert.Equal([first.RunId], view.Runs);

        cluster.Clock.Advance(TimeSpan.FromDays(1));
        await TickAsync(campaign);
        var second = await RunEndedAsync(campaign, first.RunId);
        Assert.Equal(CampaignRunStatus.Completed, second.Status);
        Assert.True(second.StartedAt >= first.StartedAt.AddDays(7), $"{second.StartedAt} after {first.StartedAt}");
        Assert.Equal(LettersPerDay, second.Contacted[ContactChannel.Letter]);
        Assert.Equal(2, (await campaign.GetView()).Runs.Count);
    }

    [Fact]
    public async Task Customers_deferred_by_the_daily_limit_are_reached_first_in_the_next_run()
    {
        await using var cluster = await StartAsync(customers: 10);
        var campaign = cluster.GrainsOf(0).GetGrain<ICampaignGrain>("wochenpost");
        await campaign.Save(Weekly(), "admin");
        await campaign.Activate("admin");
        var contacts = (InMemoryCampaignContactStore)cluster.ServiceOf<ICampaignContactStore>(0);

        var reached = new List<IReadOnlyList<int>>();
        Guid? previous = null;
        for (var run = 0; run < 3; run++)
        {
            if (previous is not null)
            {
                cluster.Clock.Advance(TimeSpan.FromDays(7));
                await TickAsync(campaign);
            }
            var ended = await RunEndedAsync(campaign, previous);
            Assert.Equal((LettersPerDay, 10L - LettersPerDay), (ended.Contacted[ContactChannel.Letter], ended.DeferredByVolume));
            reached.Add(contacts.All.Where(r => r.RunId == ended.RunId && !r.Control).Select(r => int.Parse(r.CustomerKey[1..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList());
            previous = ended.RunId;
        }

        // Keys in order: 0–3 on the first day; 4–7 (deferred the first time) next; then 8 and 9, and the scan wraps to 0 and 1.
        Assert.Equal([0, 1, 2, 3], reached[0]);
        Assert.Equal([4, 5, 6, 7], reached[1]);
        Assert.Equal([0, 1, 8, 9], reached[2]);
    }

    private static async Task<PolicyCluster> StartAsync(int customers)
    {
        var cluster = await PolicyCluster.StartAsync(1, postgres: false, PolicyRequests.Limits(), Start, clockForAll: true);
        await cluster.ServiceOf<ICustomerMasterStore>(0).UpsertAsync(
            Enumerable.Range(0, customers).Select(i => CampaignSamples.Customer(i, "w", PreferredChannel.Post, postalCode: PostalCode)).ToList(), Guid.NewGuid());
        return cluster;
    }

    /// <summary>Letters only, at most <see cref="LettersPerDay"/> a day, every 7 days, no control group.</summary>
    private static CampaignDefinition Weekly() => new(
        "Wochenpost",
        "Jede Woche ein Brief",
        ContactPurpose.Information,
        [new TargetGroup("alle", $"input.PostalCode == \"{PostalCode}\"", [ContactChannel.Letter], false, [CampaignSamples.Variant("brief", ContactChannel.Letter)])],
        0,
        new Dictionary<ContactChannel, int> { [ContactChannel.Letter] = LettersPerDay },
        new CampaignSchedule(CampaignScheduleKind.Recurring, RepeatEveryDays: 7));

    /// <summary>The keep-alive reminder's tick, as the reminder service delivers it.</summary>
    private static Task TickAsync(ICampaignGrain campaign) =>
        campaign.AsReference<IRemindable>().ReceiveReminder("campaign-run", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));

    private static async Task<CampaignRunView> RunEndedAsync(ICampaignGrain campaign, Guid? previous)
    {
        var view = await Eventually.ReturnsAsync(campaign.GetView,
            v => v.CurrentRun is { } r && r.RunId != previous && r.Status == CampaignRunStatus.Completed, TimeSpan.FromSeconds(30), "the run to end");
        return view.CurrentRun!;
    }
}
