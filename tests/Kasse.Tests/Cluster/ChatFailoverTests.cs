using System.Net.Http.Json;
using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Kasse.Tests.Cluster;

/// <summary>
/// Three silo processes on one PostgreSQL; the silo that hosts the conversation grain is killed with SIGKILL while
/// both sides send. Nothing acknowledged may be lost or duplicated, and a call that hits the dead silo is answered with
/// the coded, retryable UNAVAILABLE (which the client retries), never with an uncoded server error.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ChatFailoverTests
{
    private const int MessagesPerSide = 40;
    private const int KillAfterAcks = 12;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SendDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killing_the_silo_of_the_conversation_grain_loses_and_duplicates_nothing_acknowledged()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("failover");
        var clusterId = $"failover-{Guid.NewGuid():N}";
        var silos = new[] { "A", "B", "C" }.Select(name => SiloProcess.Start(connectionString, clusterId, name)).ToArray();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(StartTimeout)));
            using var admin = await silos[2].SignedInClientAsync("admin");
            await Eventually.ReturnsAsync(
                () => admin.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!, rows => rows!.Count(r => r.Status == "Active") == 3,
                StartTimeout, "three active silos");

            var insuredToken = await silos[0].SignInAsync("A123456780");
            var agentToken = await silos[0].SignInAsync("agent-mueller");
            var insured = new Side("insured", "/hubs/customer", insuredToken, silos, home: 0);
            var agent = new Side("agent", "/hubs/agent", agentToken, silos, home: 1);
            await insured.ConnectAsync();
            await agent.ConnectAsync();
            var id = Guid.NewGuid();
            await insured.Client.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Ausfalltest", null);
            using (var agentHttp = await silos[0].SignedInClientAsync("agent-mueller"))
                await ChatTakeOver.TakeOverAsync(agentHttp, id);
            await agent.Client.Connection.InvokeAsync<ConversationView>("JoinConversation", id);

            var host = await admin.GetFromJsonAsync<GrainLocation>($"/api/admin/conversations/{id}/silo");
            var victim = silos.Single(s => s.SiloPort == host!.SiloPort);

            var sending = Task.WhenAll(insured.SendAllAsync(id, MessagesPerSide), agent.SendAllAsync(id, MessagesPerSide));
            await Eventually.ReturnsAsync(
                () => Task.FromResult(insured.Acks.Count + agent.Acks.Count), n => n >= KillAfterAcks, SendDeadline, "first acknowledgements");
            int acksAtKill;
            lock (insured.Acks)
                acksAtKill = insured.Acks.Count;
            lock (agent.Acks)
                acksAtKill += agent.Acks.Count;
            victim.Kill();
            await sending;
            Assert.InRange(acksAtKill, KillAfterAcks, 2 * MessagesPerSide - 10);

            Assert.Equal(MessagesPerSide, insured.Acks.Count);
            Assert.Equal(MessagesPerSide, agent.Acks.Count);
            await insured.ResumeAsync(id);
            await agent.ResumeAsync(id);

            foreach (var (receiver, sender) in new[] { (insured, agent), (agent, insured) })
            {
                var events = receiver.Client.Events(id);
                // In order and without gaps: exactly the seqs 1..last, each once.
                Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
                var fromSender = events.Where(e => e.Kind == ConversationEventKind.Message && e.SenderRole == sender.Role).ToArray();
                Assert.Equal(sender.Acks.OrderBy(a => a.Value).Select(a => a.Key), fromSender.Select(e => e.ClientMessageId));
                Assert.All(fromSender, e => Assert.Equal(sender.Acks[e.ClientMessageId!], e.Seq));
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*), count(DISTINCT (sender_id, client_message_id)) FROM conversation_events WHERE conversation_id = $1 AND kind = 1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = id } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(2L * MessagesPerSide, reader.GetInt64(0));
            Assert.Equal(2L * MessagesPerSide, reader.GetInt64(1));
            Assert.All(insured.RefusalCodes.Concat(agent.RefusalCodes), code => Assert.Equal("UNAVAILABLE", code));
            await insured.DisposeAsync();
            await agent.DisposeAsync();
        }
        finally
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }
    }

    /// <summary>One participant: sends with retries under the same client id, and moves to a live silo when its own dies.</summary>
    private sealed class Side(string name, string hub, string token, SiloProcess[] silos, int home) : IAsyncDisposable
    {
        private int _current = home;

        public ChatClient Client { get; private set; } = null!;

        /// <summary>Client message id → acknowledged seq. Written by the sending loop, read under its lock.</summary>
        public Dictionary<string, long> Acks { get; } = [];

        /// <summary>The codes of the hub errors that reached this side (after the client's own UNAVAILABLE retries).</summary>
        public List<string> RefusalCodes { get; } = [];

        public ParticipantRole Role => name == "insured" ? ParticipantRole.Insured : ParticipantRole.Agent;

        public async Task ConnectAsync() => Client = await new ChatClient(HubConnections.Create(silos[_current].BaseAddress, hub, token)).StartAsync();

        public async Task SendAllAsync(Guid id, int count)
        {
            var deadline = DateTime.UtcNow + SendDeadline;
            // A person's pace, below the per-connection rate limit, so the kill lands in the middle of the exchange.
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(120));
            for (var i = 1; i <= count; i++)
            {
                var clientId = $"{name}-{i}";
                while (await pace.WaitForNextTickAsync())
                {
                    if (DateTime.UtcNow > deadline)
                        throw new TimeoutException($"{name} could not send {clientId}");
                    try
                    {
                        var ack = await Client.SendAsync(id, clientId, $"{name} Nachricht {i}");
                        lock (Acks)
                            Acks[clientId] = ack.Seq;
                        break;
                    }
                    catch (Exception e) when (e is not TimeoutException)
                    {
                        if (e is HubException refusal)
                            RefusalCodes.Add(refusal.Code());
                        // Our gateway died (connection gone) or the grain was moving: go to a live silo, retry the same id.
                        if (Client.Connection.State != HubConnectionState.Connected || !silos[_current].IsRunning)
                            await FailOverAsync();
                    }
                }
            }
        }

        public async Task ResumeAsync(Guid id) => await Client.ResumeAsync(id);

        private async Task FailOverAsync()
        {
            for (var attempt = 0; attempt < silos.Length * 10; attempt++)
            {
                _current = (_current + 1) % silos.Length;
                if (!silos[_current].IsRunning)
                    continue;
                try
                {
                    await Client.SwitchToAsync(HubConnections.Create(silos[_current].BaseAddress, hub, token));
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
                {
                    // That silo is not reachable either; try the next.
                }
            }
            throw new InvalidOperationException($"{name}: no silo reachable");
        }

        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }

    private sealed record SiloRow(string Name, string Address, string Status);

    private sealed record GrainLocation(string Silo, int SiloPort);
}
