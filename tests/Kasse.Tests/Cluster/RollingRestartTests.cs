using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using Xunit.Abstractions;

namespace Kasse.Tests.Cluster;

/// <summary>
/// A rolling restart as an operator does it: three silo processes on one PostgreSQL behind a load balancer, chat
/// traffic of customers and agents through the balancer, and each silo in turn stopped with SIGTERM and started again
/// (the next only once it is active). Nothing acknowledged is lost or stored twice, and every client reconnects by
/// itself, told by its stopping silo rather than noticing after its server timeout.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private static readonly string[] SiloNames = ["A", "B", "C"];
    private static readonly (string Customer, string Agent)[] Pairs =
        [("A123456780", "agent-mueller"), ("T012345678", "agent-schulz"), ("Z987654321", "agent-mueller"), ("A123456780", "agent-schulz")];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Acknowledged messages each sender adds between two restarts: a few seconds of load per phase.</summary>
    private const int AcksPerPhase = 4;

    [Fact]
    public async Task Restarting_every_silo_in_turn_under_chat_load_loses_and_duplicates_nothing_and_clients_reconnect_by_themselves()
    {
        var watch = Stopwatch.StartNew();
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("rolling");
        var clusterId = $"rolling-{Guid.NewGuid():N}";
        var silos = SiloNames.Select(name => SiloProcess.Start(connectionString, clusterId, name)).ToArray();
        var senders = new List<Sender>();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(StartTimeout)));
            await using var balancer = await LoadBalancer.StartAsync(
                SiloNames.Select((name, i) => (name, silos[i].BaseAddress)).ToDictionary(d => d.name, d => d.BaseAddress));
            using var http = new HttpClient { BaseAddress = balancer.Address, Timeout = TestTimeouts.Scaled(TimeSpan.FromSeconds(30)) };
            using var admin = await SignedInAsync(http, balancer.Address, "admin");
            await WaitForActiveSilosAsync(admin, 3);
            output.WriteLine($"{watch.Elapsed}: three silos active behind {balancer.Address}");

            // One chat after the other: an agent taking over accepts whatever chat the inbox offers first.
            foreach (var (customerId, agentId) in Pairs)
                senders.AddRange(await OpenConversationAsync(http, balancer.Address, customerId, agentId));
            output.WriteLine($"{watch.Elapsed}: {Pairs.Length} conversations, {senders.Count} connections");

            using var stop = new CancellationTokenSource();
            var sending = Task.WhenAll(senders.Select(s => s.SendUntilStoppedAsync(stop.Token)));
            var terminatedAt = new List<DateTime>();
            var loadStarted = watch.Elapsed;
            for (var i = 0; i < silos.Length; i++)
            {
                await WaitForProgressAsync(senders, sending);
                var old = silos[i];
                var phase = Stopwatch.StartNew();
                lock (terminatedAt)
                    terminatedAt.Add(DateTime.UtcNow);
                old.Terminate();
                Assert.True(await old.WaitForExitAsync(TestTimeouts.Scaled(StopTimeout)), $"silo {SiloNames[i]} still runs after SIGTERM:\n{old.Output}");
                var stopped = phase.Elapsed;
                Assert.Equal(0, old.ExitCode);
                var fresh = SiloProcess.Start(connectionString, clusterId, $"{SiloNames[i]}2");
                silos[i] = fresh;
                await old.DisposeAsync();
                await fresh.WaitReadyAsync(StartTimeout);
                balancer.SetDestination(SiloNames[i], fresh.BaseAddress);
                await WaitForActiveSilosAsync(admin, 3);
                output.WriteLine($"{watch.Elapsed}: silo {SiloNames[i]} stopped in {stopped}, active again after {phase.Elapsed}");
            }
            await WaitForProgressAsync(senders, sending);
            await stop.CancelAsync();
            await sending;
            var loadTime = watch.Elapsed - loadStarted;

            // Every connection was on one of the three restarted silos, so each had to reconnect, and did so by itself.
            foreach (var sender in senders)
            {
                Assert.False(sender.GaveUp, $"{sender} closed for good");
                Assert.NotEmpty(sender.ReconnectedAt);
            }
            // Told to go by the stopping silo, not left to notice after the client's server timeout.
            var reconnectTimes = senders.SelectMany(s => s.ReconnectedAt)
                .Select(at => at - terminatedAt.Last(t => t <= at))
                .ToArray();
            var serverTimeout = senders[0].Client.Connection.ServerTimeout;
            output.WriteLine($"reconnects: {reconnectTimes.Length}, slowest {reconnectTimes.Max()} after SIGTERM (client server timeout {serverTimeout})");
            Assert.All(reconnectTimes, t => Assert.True(t < serverTimeout / 3, $"a client reconnected {t} after SIGTERM"));

            foreach (var sender in senders)
                await sender.Client.ResumeAsync(sender.ConversationId);
            var acknowledged = 0;
            foreach (var pair in senders.Chunk(2))
            {
                var (customer, agent) = (pair[0], pair[1]);
                foreach (var (receiver, author) in new[] { (customer, agent), (agent, customer), (customer, customer), (agent, agent) })
                {
                    var events = receiver.Client.Events(receiver.ConversationId);
                    // In order and without gaps: exactly the seqs 1..last, each once.
                    Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Seq));
                    var fromAuthor = events.Where(e => e.Kind == ConversationEventKind.Message && e.SenderRole == author.Role).ToArray();
                    Assert.Equal(author.Acks.OrderBy(a => a.Value).Select(a => a.Key), fromAuthor.Select(e => e.ClientMessageId));
                    Assert.All(fromAuthor, e => Assert.Equal(author.Acks[e.ClientMessageId!], e.Seq));
                }
                acknowledged += customer.Acks.Count + agent.Acks.Count;
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*), count(DISTINCT (conversation_id, sender_id, client_message_id)) FROM conversation_events WHERE conversation_id = ANY($1) AND kind = 1",
                connection)
            {
                Parameters = { new NpgsqlParameter { Value = senders.Select(s => s.ConversationId).Distinct().ToArray() } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((long)acknowledged, reader.GetInt64(0));
            Assert.Equal((long)acknowledged, reader.GetInt64(1));
            Assert.All(senders.SelectMany(s => s.RefusalCodes), code => Assert.Equal("UNAVAILABLE", code));
            output.WriteLine($"{watch.Elapsed}: {acknowledged} messages acknowledged in {loadTime} of load, 0 lost, 0 duplicated; whole test {watch.Elapsed}");
        }
        finally
        {
            foreach (var sender in senders)
                await sender.DisposeAsync();
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }
    }

    /// <summary>A customer starts a chat, an agent takes it over and joins: the two senders, customer first.</summary>
    private static async Task<Sender[]> OpenConversationAsync(HttpClient http, Uri balancer, string customerId, string agentId)
    {
        var conversationId = Guid.NewGuid();
        var customer = await Sender.ConnectAsync("customer", ParticipantRole.Insured, "/hubs/customer", balancer, await TokenAsync(http, customerId), conversationId);
        await customer.Client.Connection.InvokeAsync<ConversationView>("StartConversation", conversationId, "Rollender Neustart", null);
        using (var agentHttp = await SignedInAsync(http, balancer, agentId))
            await ChatTakeOver.TakeOverAsync(agentHttp, conversationId);
        var agent = await Sender.ConnectAsync("agent", ParticipantRole.Agent, "/hubs/agent", balancer, await TokenAsync(http, agentId), conversationId);
        await agent.Client.Connection.InvokeAsync<ConversationView>("JoinConversation", conversationId);
        return [customer, agent];
    }

    /// <summary>Every sender has <see cref="AcksPerPhase"/> more acknowledged messages than when called.</summary>
    private static async Task WaitForProgressAsync(IReadOnlyList<Sender> senders, Task sending)
    {
        var from = senders.Select(s => s.AckCount).ToArray();
        var progress = Eventually.ReturnsAsync(
            () => Task.FromResult(senders.Select((s, i) => s.AckCount - from[i]).Min()),
            n => n >= AcksPerPhase,
            TimeSpan.FromSeconds(60),
            "every sender's next acknowledgements");
        // A sender that failed ends the wait with its error rather than with a timeout.
        await await Task.WhenAny(progress, sending);
        await progress;
    }

    private static Task WaitForActiveSilosAsync(HttpClient admin, int count) =>
        Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!,
            rows => rows!.Count(r => r.Status == "Active") == count,
            StartTimeout,
            $"{count} active silos");

    private static async Task<string> TokenAsync(HttpClient http, string userId)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", new { userId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
    }

    private static async Task<HttpClient> SignedInAsync(HttpClient http, Uri address, string userId)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TestTimeouts.Scaled(TimeSpan.FromSeconds(30)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, userId));
        return client;
    }

    /// <summary>
    /// One side of a conversation on a self-reconnecting connection through the balancer: sends at a person's pace,
    /// each message with its own client message id (the idempotency key), and retries the same id until it is
    /// acknowledged, after waiting for the connection to be back when it was lost.
    /// </summary>
    private sealed class Sender : IAsyncDisposable
    {
        private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);
        private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
        private readonly string _name;
        private TaskCompletionSource _back = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Sender(string name, ParticipantRole role, Guid conversationId, HubConnection connection)
        {
            _name = name;
            Role = role;
            ConversationId = conversationId;
            connection.Reconnected += _ =>
            {
                lock (ReconnectedAt)
                    ReconnectedAt.Add(DateTime.UtcNow);
                Interlocked.Exchange(ref _back, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                return Task.CompletedTask;
            };
            connection.Closed += error =>
            {
                GaveUp = true;
                _back.TrySetException(new InvalidOperationException($"{this} closed for good", error));
                return Task.CompletedTask;
            };
            Client = new ChatClient(connection);
        }

        public ChatClient Client { get; }

        public ParticipantRole Role { get; }

        public Guid ConversationId { get; }

        /// <summary>Client message id → acknowledged seq; written by the sending loop only, read once it ended.</summary>
        public Dictionary<string, long> Acks { get; } = [];

        private int _ackCount;

        public int AckCount => Volatile.Read(ref _ackCount);

        public List<DateTime> ReconnectedAt { get; } = [];

        public bool GaveUp { get; private set; }

        /// <summary>The codes of hub errors that reached this side (after the client's own UNAVAILABLE retries).</summary>
        public List<string> RefusalCodes { get; } = [];

        public static async Task<Sender> ConnectAsync(string name, ParticipantRole role, string hub, Uri balancer, string token, Guid conversationId)
        {
            var sender = new Sender($"{name}-{conversationId:N}", role, conversationId, HubConnections.CreateReconnecting(balancer, hub, token, GiveUpAfter));
            await sender.Client.StartAsync();
            return sender;
        }

        public async Task SendUntilStoppedAsync(CancellationToken stop)
        {
            using var pace = new PeriodicTimer(Pace);
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                await pace.WaitForNextTickAsync(CancellationToken.None);
                var clientMessageId = $"{_name}-{i}";
                var deadline = DateTime.UtcNow + TestTimeouts.ForEvent(GiveUpAfter);
                while (true)
                {
                    if (DateTime.UtcNow > deadline)
                        throw new TimeoutException($"{this} could not send {clientMessageId}");
                    try
                    {
                        await WhenConnectedAsync();
                        var ack = await Client.SendAsync(ConversationId, clientMessageId, $"Nachricht {i}");
                        Acks[clientMessageId] = ack.Seq;
                        Interlocked.Increment(ref _ackCount);
                        break;
                    }
                    catch (HubException refusal)
                    {
                        lock (RefusalCodes)
                            RefusalCodes.Add(refusal.Code());
                    }
                    catch (Exception e) when (e is not TimeoutException && !GaveUp)
                    {
                        // The connection went while the message was on its way (stored or not): send it again under the
                        // same id once the connection is back; the conversation stores it once.
                    }
                }
            }
        }

        private Task WhenConnectedAsync()
        {
            var back = Volatile.Read(ref _back);
            return Client.Connection.State == HubConnectionState.Connected
                ? Task.CompletedTask
                : back.Task.WaitAsync(TestTimeouts.ForEvent(GiveUpAfter));
        }

        public override string ToString() => _name;

        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }

    private sealed record SiloRow(string Name, string Address, string Status);

    private sealed record TokenBody(string AccessToken);
}
