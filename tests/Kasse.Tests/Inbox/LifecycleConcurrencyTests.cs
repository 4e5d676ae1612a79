using System.Collections.Concurrent;
using System.Diagnostics;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Xunit.Abstractions;

namespace Kasse.Tests.Inbox;

/// <summary>
/// Transfers, holds and supervisors' reassignments racing with agents accepting, on a 2-silo in-process cluster with
/// PostgreSQL storage: the stored history, replayed, never shows an item held by two agents or an agent over capacity.
/// </summary>
public sealed class LifecycleConcurrencyTests(ITestOutputHelper output)
{
    private const int Agents = 40;
    private const int Items = 240;
    private const int Reassignments = 200;
    private static readonly string[] Teams = ["nord", "sued"];

    [Fact]
    public async Task Concurrent_transfers_and_reassignments_never_give_an_item_two_agents_or_an_agent_too_much()
    {
        var watch = Stopwatch.StartNew();
        await using var inbox = await InboxCluster.StartAsync(silos: 2, postgres: true, offerTimeout: TimeSpan.FromSeconds(5));
        var grains = inbox.Grains;
        var agentIds = Enumerable.Range(0, Agents).Select(i => $"mover-{i:00}").ToArray();
        await Task.WhenAll(agentIds.Select((id, i) => grains.GetGrain<IAgentDeskGrain>(id).SetPresence(
            AgentPresence.Available, new AgentRoutingProfile(Teams[i % 2], ["allgemein"], AgentCapacity.Default))));
        var transfers = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var agents = agentIds.Select(id => Task.Run(() => new TransferringAgent(grains, id, agentIds, Teams, transfers).RunAsync(stop.Token))).ToArray();

        var itemIds = Enumerable.Range(0, Items).Select(i => $"move:{i:0000}").ToArray();
        await Parallel.ForEachAsync(itemIds.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (x, _) =>
            await grains.GetGrain<IWorkItemGrain>(x.id).Create(new NewWorkItem(
                x.i % 3 == 0 ? WorkChannel.Chat : WorkChannel.Email, null, $"Anliegen {x.i}", ["allgemein"], SlaDeadline: DateTimeOffset.UtcNow.AddHours(1))));

        // Supervisors move items around meanwhile, whatever their status: waiting, offered, assigned.
        var random = new Random(7);
        var moved = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Reassignments), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var itemId = itemIds[(i * 37) % Items];
            var request = i % 2 == 0 ? new TransferRequest(agentIds[(i * 11) % Agents], null, "Vertretung") : new TransferRequest(null, Teams[i % 2], null);
            try
            {
                await grains.GetGrain<IWorkItemGrain>(itemId).Reassign("supervisor", request);
                Interlocked.Increment(ref moved);
            }
            catch (InboxException e) when (e.Code is InboxErrors.AlreadyDone or InboxErrors.TransferToSelf or InboxErrors.Retry)
            {
            }
        });
        output.WriteLine($"{moved} reassignments after {watch.Elapsed}");

        await Eventually.ReturnsAsync(
            () => StorageTestSilo.ScalarAsync<long>(inbox.ConnectionString!, "SELECT count(*) FROM work_item_events WHERE kind = @kind", ("kind", (short)WorkItemEventKind.Completed)),
            n => n >= Items, TimeSpan.FromSeconds(180), "every item done");
        await stop.CancelAsync();
        await Task.WhenAll(agents);

        var events = new List<WorkItemEvent>();
        for (var page = await inbox.History.ReadAllAsync(0, 10_000); page.Count > 0; page = await inbox.History.ReadAllAsync(events[^1].Position, 10_000))
            events.AddRange(page);
        var replay = HistoryReplay.Of(events);
        output.WriteLine($"{events.Count} events, {replay.Offers} offers, {replay.Moves} moves, max load {replay.MaxLoadSeen}, after {watch.Elapsed}");
        Assert.Empty(replay.Violations);
        Assert.Equal(Items, replay.Completions.Count);
        Assert.All(replay.Completions.Values, n => Assert.Equal(1, n));
        Assert.Contains(events, e => e.Kind == WorkItemEventKind.Transferred);
        Assert.Contains(events, e => e.Kind == WorkItemEventKind.Reassigned && e.AgentId is not null);
        Assert.Contains(events, e => e.Kind == WorkItemEventKind.PutOnHold);
        Assert.InRange(replay.MaxLoadSeen, 1, AgentCapacity.Default.Budget);
    }
}
