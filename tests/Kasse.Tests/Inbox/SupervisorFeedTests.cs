using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Kasse.Inbox;
using Kasse.Supervision;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Streams;

namespace Kasse.Tests.Inbox;

/// <summary>
/// The supervisor view on the real embedded host: queues and desks publish on the supervision stream, the feed grain
/// pushes each change to the supervisor hub, only supervisors may connect, and a lost stream event or a lost feed
/// activation is mended from the grains' own snapshots. Each test waits in a queue of its own team.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class SupervisorFeedTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task Supervisor_sees_a_queue_grow_and_an_agent_become_available_live()
    {
        var team = "Feed-" + Guid.NewGuid().ToString("N");
        await using var supervisor = await ConnectSupervisorAsync();
        using var agent = Host.CreateClient(await Host.SignInAsync("agent-mueller"));
        (await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Away" })).EnsureSuccessStatusCode();
        await supervisor.NextAsync(o => o.Agents.Any(a => a.AgentId == "agent-mueller" && a.Presence == AgentPresence.Away), "agent away");

        await CreateItemsAsync(team, 2);
        var grown = await supervisor.NextAsync(o => Queue(o, team) is { Waiting: 2 }, "queue with two waiting items");
        Assert.False(grown.Full);
        Assert.NotNull(Queue(grown, team)!.OldestWaitingSince);
        Assert.Equal(0, Queue(grown, team)!.SlaBreaches);

        (await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        var available = await supervisor.NextAsync(
            o => o.Agents.Any(a => a.AgentId == "agent-mueller" && a.Presence == AgentPresence.Available), "agent available");
        var mueller = available.Agents.Single(a => a.AgentId == "agent-mueller");
        Assert.Equal(("Team Nord", 12), (mueller.Team, mueller.Budget));
        (await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Offline" })).EnsureSuccessStatusCode();

        // Pushes of one epoch are numbered without gaps, so a client can tell when it missed one.
        var seqs = supervisor.Received.Where(o => o.Epoch == available.Epoch).Select(o => o.Seq).ToArray();
        Assert.Equal(seqs.Order().ToArray(), seqs);
        Assert.Equal(seqs.Length, seqs.Distinct().Count());
    }

    [Fact]
    public async Task Supervisor_sees_an_item_pass_its_sla_deadline_as_a_breach_and_an_escalation_without_any_other_change()
    {
        var team = "Feed-" + Guid.NewGuid().ToString("N");
        await using var supervisor = await ConnectSupervisorAsync();
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.PutAsJsonAsync(
            $"/api/integration/work-items/workflow/{team}-sla", new { topic = "Eilt", team, slaDeadline = DateTimeOffset.UtcNow.AddSeconds(3) });
        response.EnsureSuccessStatusCode();
        var fresh = await supervisor.NextAsync(o => Queue(o, team) is { Waiting: 1 }, "the waiting item");
        Assert.Equal((0, 0), (Queue(fresh, team)!.SlaBreaches, Queue(fresh, team)!.Escalated));

        var late = await supervisor.NextAsync(o => Queue(o, team) is { SlaBreaches: 1, Escalated: 1 }, "the breach and the escalation");
        Assert.Equal(1, Queue(late, team)!.Waiting);
    }

    [Fact]
    public async Task Supervisor_lists_the_waiting_items_of_a_queue()
    {
        var team = "Feed-" + Guid.NewGuid().ToString("N");
        await using var supervisor = await ConnectSupervisorAsync();
        var ids = await CreateItemsAsync(team, 3);

        var items = await Eventually.ReturnsAsync(
            () => supervisor.Connection.InvokeAsync<IReadOnlyList<QueuedItem>>("GetWaitingItems", "team:" + team), i => i.Count == 3, Wait, "three waiting items");
        Assert.Equal(ids.Order(), items.Select(i => i.ItemId).Order());
    }

    [Theory]
    [InlineData("agent-schulz")]
    [InlineData("T012345678")]
    public async Task Who_is_no_supervisor_cannot_connect_to_the_supervisor_hub(string userId)
    {
        await using var connection = Host.CreateHubConnection("/hubs/supervisor", await Host.SignInAsync(userId));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Overview_is_right_again_after_the_feed_lost_its_activation()
    {
        var team = "Feed-" + Guid.NewGuid().ToString("N");
        await using var supervisor = await ConnectSupervisorAsync();
        await CreateItemsAsync(team, 3);
        var before = await supervisor.NextAsync(o => Queue(o, team) is { Waiting: 3 }, "queue with three waiting items");

        // The feed's memory is gone (as with a silo failure); the queue does not change again, so no stream event
        // will tell the new activation about it: it must read the queue's snapshot itself.
        var feed = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISupervisorFeedGrain>(SupervisionStream.Key);
        await feed.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var after = await Eventually.ReturnsAsync(
            () => supervisor.Connection.InvokeAsync<SupervisorOverview>("GetOverview"), o => o.Epoch != before.Epoch, Wait, "a new feed activation");

        Assert.True(after.Full);
        Assert.Equal(3, Queue(after, team)?.Waiting);
    }

    [Fact]
    public async Task Feed_rereads_the_snapshots_when_a_stream_batch_was_lost()
    {
        var team = "Feed-" + Guid.NewGuid().ToString("N");
        var queue = "team:" + team;
        await using var supervisor = await ConnectSupervisorAsync();
        await CreateItemsAsync(team, 2);
        await supervisor.NextAsync(o => Queue(o, team) is { Waiting: 2 }, "queue with two waiting items");

        // A publisher says something wrong in its batch 1, and its batch 2 is lost: batch 3 shows the gap.
        var stream = Host.Services.GetRequiredKeyedService<IStreamProvider>(SupervisionStream.Provider)
            .GetStream<SupervisionBatch>(StreamId.Create(SupervisionStream.Namespace, SupervisionStream.Key));
        var publisher = Guid.NewGuid();
        var wrong = new QueueSummary(queue, 99, null, 0, 0, 0, 0, DateTimeOffset.UtcNow.AddMinutes(1));
        await stream.OnNextAsync(new SupervisionBatch(publisher, 1, [wrong], []));
        await supervisor.NextAsync(o => Queue(o, team) is { Waiting: 99 }, "the wrong count");
        await stream.OnNextAsync(new SupervisionBatch(publisher, 3, [], []));

        var mended = await supervisor.NextAsync(o => o.Full && Queue(o, team) is { Waiting: 2 }, "the count read from the queue");
        Assert.Equal(2, Queue(mended, team)!.Waiting);
    }

    private static QueueSummary? Queue(SupervisorOverview overview, string team) =>
        overview.Queues.SingleOrDefault(q => q.Queue == "team:" + team);

    private async Task<IReadOnlyList<string>> CreateItemsAsync(string team, int count)
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await integrator.PutAsJsonAsync(
                $"/api/integration/work-items/workflow/{team}-{i}", new { topic = "Antrag prüfen", team });
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<WorkItemView>(Json))!.Id);
        }
        return ids;
    }

    private async Task<SupervisorClient> ConnectSupervisorAsync()
    {
        var connection = Host.CreateHubConnection("/hubs/supervisor", await Host.SignInAsync("supervisor-fischer"));
        var client = new SupervisorClient(connection);
        await connection.StartAsync();
        // Watching starts with the first picture.
        client.Received.Add(await connection.InvokeAsync<SupervisorOverview>("GetOverview"));
        return client;
    }

    /// <summary>A supervisor's hub connection and every overview it was pushed.</summary>
    private sealed class SupervisorClient : IAsyncDisposable
    {
        private readonly Channel<SupervisorOverview> _pushed = Channel.CreateUnbounded<SupervisorOverview>();

        public SupervisorClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<SupervisorOverview>("overview", o => _pushed.Writer.TryWrite(o));
        }

        public HubConnection Connection { get; }

        public List<SupervisorOverview> Received { get; } = [];

        /// <summary>Waits for a pushed overview that satisfies <paramref name="accept"/>.</summary>
        public async Task<SupervisorOverview> NextAsync(Func<SupervisorOverview, bool> accept, string what)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.ForEvent(Wait));
            try
            {
                while (true)
                {
                    var overview = await _pushed.Reader.ReadAsync(timeout.Token);
                    Received.Add(overview);
                    if (accept(overview))
                        return overview;
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no pushed overview showed {what}; last: {Received.LastOrDefault()}");
            }
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
