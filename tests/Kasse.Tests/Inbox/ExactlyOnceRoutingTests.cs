using System.Diagnostics;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kasse.Tests.Inbox;

/// <summary>
/// The routing invariant under load on a 3-silo in-process cluster with PostgreSQL storage: every item is assigned
/// exactly once, and no agent ever holds more than its capacity — checked by replaying the stored history, not by
/// asking the grains. Once with all silos up, once with a silo killed in the middle of the run.
/// </summary>
public sealed class ExactlyOnceRoutingTests(ITestOutputHelper output)
{
    /// <summary>The issue's size: 200 agents and 5,000 items.</summary>
    public const int Agents = 200;
    public const int Items = 5000;

    private static readonly string[] Skills = ["leistungen", "beitraege", "sepa", "steuer-id"];

    [Fact]
    public async Task Every_item_is_assigned_exactly_once_and_no_agent_exceeds_capacity_on_three_silos()
    {
        await RunAsync(killSilo: false);
    }

    [Fact]
    public async Task Every_item_is_assigned_exactly_once_and_no_agent_exceeds_capacity_when_a_silo_dies_mid_run()
    {
        await RunAsync(killSilo: true);
    }

    private async Task RunAsync(bool killSilo)
    {
        var watch = Stopwatch.StartNew();
        await using var inbox = await InboxCluster.StartAsync(silos: 3, postgres: true, offerTimeout: TimeSpan.FromSeconds(10));
        output.WriteLine($"cluster up after {watch.Elapsed}");
        var grains = inbox.Grains;

        // Every agent has two of the four skills, the default capacity (3 chats, or 1 chat and 4 e-mails, ...).
        await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => grains.GetGrain<IAgentDeskGrain>(AgentId(i)).SetPresence(
            AgentPresence.Available, new AgentRoutingProfile(null, [Skills[i % 4], Skills[(i + 1) % 4]], AgentCapacity.Default))));
        using var stop = new CancellationTokenSource();
        var agents = Enumerable.Range(0, Agents).Select(i => Task.Run(() => new SimulatedAgent(grains, AgentId(i)).RunAsync(stop.Token))).ToArray();

        var created = 0;
        var creation = Parallel.ForEachAsync(Enumerable.Range(0, Items), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var request = new NewWorkItem(
                i % 3 == 0 ? WorkChannel.Chat : WorkChannel.Email, null, $"Anliegen {i}", [Skills[i % 4]], Priority: 1 + (i % 3));
            await RetryAsync(() => grains.GetGrain<IWorkItemGrain>(ItemId(i)).Create(request));
            Interlocked.Increment(ref created);
        });

        if (killSilo)
        {
            // Kill a silo once routing is in full swing: offers, reservations and queues are in flight on it.
            await Eventually.ReturnsAsync(() => CountAsync(inbox, WorkItemEventKind.Completed), n => n >= Items / 5, TimeSpan.FromSeconds(60), "a fifth of the items done");
            var victim = inbox.Cluster.SecondarySilos[0];
            output.WriteLine($"killing {victim.SiloAddress} after {watch.Elapsed}");
            await inbox.Cluster.KillSiloAsync(victim);
        }
        await creation;
        output.WriteLine($"{created} items created after {watch.Elapsed}");
        try
        {
            await Eventually.ReturnsAsync(() => CountAsync(inbox, WorkItemEventKind.Completed), n => n >= Items, TimeSpan.FromSeconds(120), "every item done");
        }
        catch (TimeoutException)
        {
            foreach (var stuck in (await ReadHistoryAsync(inbox)).GroupBy(e => e.ItemId).Where(g => g.All(e => e.Kind != WorkItemEventKind.Completed)).Take(10))
                output.WriteLine($"not done: {stuck.Key}: {string.Join(", ", stuck.Select(e => $"{e.Kind}({e.AgentId}) {e.At:HH:mm:ss.fff}"))}");
            foreach (var skill in Skills)
                output.WriteLine($"queue {skill}: {await grains.GetGrain<IRoutingQueueGrain>("skill:" + skill).GetSnapshot()}");
            var membership = inbox.Cluster.GetSiloServiceProvider(inbox.Cluster.Silos[0].SiloAddress).GetRequiredService<IClusterMembershipService>();
            output.WriteLine($"membership: {string.Join(", ", membership.CurrentSnapshot.Members.Values.Select(m => $"{m.SiloAddress} {m.Status}"))}");
            var notDone = (await ReadHistoryAsync(inbox)).GroupBy(e => e.ItemId).Where(g => g.All(e => e.Kind != WorkItemEventKind.Completed)).Select(g => g.Key).ToArray();
            foreach (var itemId in notDone.Take(5))
                output.WriteLine($"item {itemId}: {await grains.GetGrain<IWorkItemGrain>(itemId).GetView()}");
            await Task.WhenAll(notDone.Select(id => grains.GetGrain<IWorkItemGrain>(id).Poke()));
            var after = await Eventually.ReturnsAsync(() => CountAsync(inbox, WorkItemEventKind.Completed), n => n >= Items, TimeSpan.FromSeconds(20), "done after a poke");
            output.WriteLine($"after poking the stuck items: {after} done");
            throw;
        }
        output.WriteLine($"all done after {watch.Elapsed}");
        await stop.CancelAsync();
        await Task.WhenAll(agents);

        var events = await ReadHistoryAsync(inbox);
        var replay = HistoryReplay.Of(events);
        output.WriteLine($"{events.Count} events, {replay.Offers} offers, max load seen {replay.MaxLoadSeen}");
        Assert.Empty(replay.Violations);
        Assert.Equal(Items, replay.Assignments.Count);
        Assert.All(replay.Assignments.Values, count => Assert.Equal(1, count));
        Assert.Equal(Items, replay.Completions.Count);
        Assert.All(replay.Completions.Values, count => Assert.Equal(1, count));
        // The budget was really used, not trivially respected: agents carried several items at once (how close a run
        // comes to the full budget of 12 depends on timing; above it is a violation, asserted above).
        Assert.InRange(replay.MaxLoadSeen, AgentCapacity.Default.Budget / 2 + 1, AgentCapacity.Default.Budget);
    }

    private static string AgentId(int i) => $"agent-{i:000}";

    private static string ItemId(int i) => $"test:{i:00000}";

    private static async Task RetryAsync(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static async Task<long> CountAsync(InboxCluster inbox, WorkItemEventKind kind) =>
        await StorageTestSilo.ScalarAsync<long>(inbox.ConnectionString!, "SELECT count(*) FROM work_item_events WHERE kind = @kind", ("kind", (short)kind));

    private static async Task<IReadOnlyList<WorkItemEvent>> ReadHistoryAsync(InboxCluster inbox)
    {
        var all = new List<WorkItemEvent>();
        while (true)
        {
            var page = await inbox.History.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, 10_000);
            if (page.Count == 0)
                return all;
            all.AddRange(page);
        }
    }
}
