using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Clients;
using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Kasse.Bench.Cluster;

/// <summary>
/// Chat load through the load balancer of a <see cref="ProcessCluster"/>: C conversations, each with an insured
/// connection (starts it) and an agent connection (takes it through the inbox over HTTP, then joins), both sending.
/// Clients behave as the product's: connections reconnect by themselves, and a message that failed (connection lost,
/// <c>UNAVAILABLE</c>) is sent again under the same client message id until it is acknowledged. Records every ack's
/// time per side (for failover) and the delivery latency at the other side (the send time travels in the
/// text, as in <c>chat</c>).
/// </summary>
public sealed class ClusterChat : IAsyncDisposable
{
    private const string Filler = " Guten Tag, ich habe eine Frage zu meinem Beitragsbescheid vom Mai, bitte melden Sie sich.";
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private readonly Conversation[] _conversations;
    private readonly StripedLatency _delivery = new();
    private long _measureStart = long.MaxValue;
    private long _measureEnd = long.MaxValue;
    private long _deliveredInWindow;
    private long _acked;
    private long _retries;
    private long _errors;

    private ClusterChat(Conversation[] conversations) => _conversations = conversations;

    public IReadOnlyList<Conversation> Conversations => _conversations;

    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>Sends that were tried again (connection lost or <c>UNAVAILABLE</c>) before their ack.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Messages given up: a final refusal, or no ack within a minute of retries.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Opens the conversations one after the other (an agent taking over accepts whatever the inbox offers first).</summary>
    public static async Task<ClusterChat> OpenAsync(ProcessCluster cluster, HubClients clients, int count, string prefix)
    {
        var conversations = new Conversation[count];
        var customerHub = new Uri(cluster.Address, "hubs/customer");
        var agentHub = new Uri(cluster.Address, "hubs/agent");
        var chat = new ClusterChat(conversations);
        for (var i = 0; i < count; i++)
        {
            var insuredId = $"{prefix}-insured-{i:D5}";
            var agentId = $"{prefix}-agent-{i:D5}";
            var insuredToken = cluster.Token(new DemoUser(insuredId, $"Versicherte {i}", [KasseRoles.Versicherter], [], null));
            var agentToken = cluster.Token(new DemoUser(agentId, $"Berater {i}", [KasseRoles.Agent], ["chat"], "bench"));
            var conversation = new Conversation(Guid.NewGuid());
            var insured = new Side(chat, conversation, "i", ParticipantRole.Insured, clients.Create(customerHub, insuredToken, reconnect: new SteadyReconnect()));
            var agent = new Side(chat, conversation, "a", ParticipantRole.Agent, clients.Create(agentHub, agentToken, reconnect: new SteadyReconnect()));
            conversation.Sides = [insured, agent];
            conversations[i] = conversation;
            await insured.Connection.StartAsync();
            await agent.Connection.StartAsync();
            await insured.Connection.InvokeAsync<ConversationView>("StartConversation", conversation.Id, "Frage zum Beitrag", null);
            using (var agentHttp = new HttpClient { BaseAddress = cluster.Address, Timeout = TimeSpan.FromSeconds(30) })
            {
                agentHttp.DefaultRequestHeaders.Authorization = new("Bearer", agentToken);
                await ChatTakeOver.TakeOverAsync(agentHttp, conversation.Id);
            }
            await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", conversation.Id);
            if ((i + 1) % 25 == 0)
                Console.Error.WriteLine($"{prefix}: {i + 1} / {count} conversations open");
        }
        return chat;
    }

    /// <summary>
    /// Both sides of every conversation send until <paramref name="stop"/>: with <paramref name="pace"/> zero as closed
    /// loops (next message once the previous is acknowledged), otherwise one message per pace and side. Deliveries and
    /// their latency count between <paramref name="measureStart"/> and <paramref name="measureEnd"/> (Stopwatch timestamps).
    /// </summary>
    public Task RunAsync(TimeSpan pace, long measureStart, long measureEnd, CancellationToken stop)
    {
        _measureStart = measureStart;
        _measureEnd = measureEnd;
        return Task.WhenAll(_conversations.SelectMany(c => c.Sides).Select(s => Task.Run(() => s.SendUntilStoppedAsync(pace, stop))));
    }

    public long DeliveredInWindow => Interlocked.Read(ref _deliveredInWindow);

    public LatencyRecorder DeliveryLatency() => _delivery.Merge();

    /// <summary>
    /// Checks the history: every acknowledged (conversation, seq) must be a message row of <c>conversation_events</c>
    /// (missing: lost), and no client message id may be stored twice (duplicates).
    /// </summary>
    public async Task<(long Lost, long Duplicates)> CheckHistoryAsync(string connectionString)
    {
        var stored = new HashSet<(Guid, long)>();
        long duplicates = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            $"SELECT conversation_id, seq FROM conversation_events WHERE kind = {(short)ConversationEventKind.Message}", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                stored.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }
        await using (var command = new NpgsqlCommand(
            $"SELECT count(*) - count(DISTINCT (conversation_id, sender_id, client_message_id)) FROM conversation_events WHERE kind = {(short)ConversationEventKind.Message}",
            connection))
        {
            duplicates = (long)(await command.ExecuteScalarAsync())!;
        }
        var lost = _conversations.SelectMany(c => c.Sides).SelectMany(s => s.AckedSeqs().Select(seq => (s.Conversation.Id, seq)))
            .LongCount(key => !stored.Contains(key));
        return (lost, duplicates);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var side in _conversations.Where(c => c is not null).SelectMany(c => c.Sides))
            await side.Connection.DisposeAsync();
    }

    private void OnDelivered(long sentAt, int stripe)
    {
        var now = Stopwatch.GetTimestamp();
        if (now < _measureStart || now >= _measureEnd)
            return;
        Interlocked.Increment(ref _deliveredInWindow);
        _delivery.RecordTicks(stripe, now - sentAt);
    }

    /// <summary>One conversation and its two sides.</summary>
    public sealed class Conversation(Guid id)
    {
        public Guid Id { get; } = id;

        public Side[] Sides { get; set; } = [];
    }

    /// <summary>One participant's connection and its sending loop.</summary>
    public sealed class Side
    {
        private readonly ClusterChat _chat;
        private readonly string _name;
        private readonly List<long> _ackedSeqs = [];
        private readonly List<long> _ackTimes = [];
        private readonly int _stripe;
        private long _lastSeenSeq;

        internal Side(ClusterChat chat, Conversation conversation, string name, ParticipantRole role, HubConnection connection)
        {
            _chat = chat;
            _name = name;
            _stripe = Random.Shared.Next(64);
            Conversation = conversation;
            Connection = connection;
            // Only the other side's messages count, each once (a reconnect may repeat a push).
            connection.On<ConversationEvent>("ConversationEvent", e =>
            {
                if (e.Kind != ConversationEventKind.Message || e.SenderRole == role || e.Seq <= Interlocked.Read(ref _lastSeenSeq))
                    return;
                Interlocked.Exchange(ref _lastSeenSeq, e.Seq);
                if (e.Text is { Length: >= 19 } text && long.TryParse(text.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
                    _chat.OnDelivered(sentAt, _stripe);
            });
        }

        public Conversation Conversation { get; }

        public HubConnection Connection { get; }

        public long[] AckedSeqs()
        {
            lock (_ackedSeqs)
                return [.. _ackedSeqs];
        }

        /// <summary>Stopwatch timestamps at which this side's writes were acknowledged, in order.</summary>
        public long[] AckTimes()
        {
            lock (_ackedSeqs)
                return [.. _ackTimes];
        }

        internal async Task SendUntilStoppedAsync(TimeSpan pace, CancellationToken stop)
        {
            using var pacer = pace > TimeSpan.Zero ? new PeriodicTimer(pace) : null;
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                if (pacer is not null && !await WaitAsync(pacer, stop))
                    return;
                var clientMessageId = $"{_name}-{i}";
                var sentAt = Stopwatch.GetTimestamp();
                var text = (sentAt.ToString("D19", CultureInfo.InvariantCulture) + Filler)[..Scenarios.ChatScenario.TextLength];
                await SendOneAsync(clientMessageId, text, sentAt);
            }
        }

        /// <summary>Sends until acknowledged (same id each time), or gives up after a final refusal or a minute.</summary>
        private async Task SendOneAsync(string clientMessageId, string text, long sentAt)
        {
            while (Stopwatch.GetElapsedTime(sentAt) < GiveUpAfter)
            {
                try
                {
                    if (Connection.State != HubConnectionState.Connected)
                    {
                        await Task.Delay(RetryPause);
                        continue;
                    }
                    var ack = await Connection.InvokeAsync<PostAck>("SendMessage", Conversation.Id, clientMessageId, text);
                    var now = Stopwatch.GetTimestamp();
                    lock (_ackedSeqs)
                    {
                        _ackedSeqs.Add(ack.Seq);
                        _ackTimes.Add(now);
                    }
                    Interlocked.Increment(ref _chat._acked);
                    return;
                }
                catch (HubException refusal) when (refusal.Code() != TransientClusterFailure.Code)
                {
                    break;
                }
#pragma warning disable CA1031 // a lost connection or UNAVAILABLE: the message is sent again under the same id
                catch (Exception)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref _chat._retries);
                    await Task.Delay(RetryPause);
                }
            }
            Interlocked.Increment(ref _chat._errors);
        }

        private static async Task<bool> WaitAsync(PeriodicTimer pacer, CancellationToken stop)
        {
            try
            {
                return await pacer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>Reconnects at once, then every quarter second, for a minute: a client that wants its chat back.</summary>
    private sealed class SteadyReconnect : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime > GiveUpAfter ? null
            : retryContext.PreviousRetryCount == 0 ? TimeSpan.Zero
            : TimeSpan.FromMilliseconds(250);
    }
}
