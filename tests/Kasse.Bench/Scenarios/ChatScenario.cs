using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Clients;
using Kasse.Bench.Diagnostics;
using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>chat</c>: C conversations against a silo that keeps the history in a throwaway PostgreSQL. Each conversation has
/// an insured connection (<c>/hubs/customer</c>, starts it) and an agent connection (<c>/hubs/agent</c>; the agent takes
/// the chat through the inbox — available, accepts the offer, away — and then opens it);
/// both send <c>SendMessage</c>. With <c>--rate 0</c> every connection is a closed loop (next message when the
/// previous one is acknowledged); with <c>--rate R</c> R messages per second in total are sent on a fixed schedule,
/// round-robin over all connections (open loop: a late ack does not delay the next send). Latency is from the send to
/// the delivery of the <c>ConversationEvent</c> at the other side; the send time travels in the message text. Before
/// the chat, the <c>signalr-echo</c> load runs against the same server with 2·C connections, for <c>echo_per_s</c>,
/// and then against a bare SignalR hub, for <c>plain_echo_per_s</c>. By default every client runs in a child process
/// (<see cref="ChatInClientProcess"/>); <c>--client-process 0</c> keeps them in this process. PostgreSQL runs with
/// durable settings (fsync, synchronous_commit, full_page_writes on) unless <c>--durable 0</c>: an ack promises a commit.
/// </summary>
public static class ChatScenario
{
    public const string Name = "chat";

    /// <summary>Every message text is this long (the send timestamp, then German filler), and so is the echo payload.</summary>
    public const int TextLength = 64;

    internal const string Topic = "Frage zum Beitrag";
    private const string Filler = " Guten Tag, ich habe eine Frage zu meinem Beitragsbescheid vom Mai, bitte melden Sie sich.";
    internal const int SetupParallelism = 32;

    /// <summary>Seconds of load before the measured period (the JIT tiers hot methods up in the meantime).</summary>
    private const int DefaultWarmUpSeconds = 30;
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(50);
    internal static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);

    /// <summary>
    /// The per-connection send limit (burst 20, then 10/s) would refuse a closed loop faster than 10 messages/s; the
    /// bench measures the chat path, not the limiter, so it lifts the limit on its own server.
    /// </summary>
    internal static readonly string[] UnlimitedSends =
    [
        "Realtime:SendRateLimit:TokensPerSecond=1000000",
        "Realtime:SendRateLimit:Burst=1000000",
    ];

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var conversations = options.Int("conversations", 100, 1, 10_000);
        var rate = options.Int("rate", 0, 0, 10_000_000);
        var seconds = options.Int("seconds", 20, 1, 3600);
        var echoSeconds = options.Int("echo-seconds", seconds, 0, 3600);
        var warmUpSeconds = options.Int("warmup", DefaultWarmUpSeconds, 0, 3600);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        var gcCauses = options.Int("gc-causes", 0, 0, 1) == 1;
        var allocationTypes = options.Int("alloc-types", 0, 0, 100);
        var clientProcess = options.Int("client-process", 1, 0, 1) == 1;
        var postgresLog = options.Int("pg-log", 0, 0, 1) == 1;
        var walAhead = options.Int("wal-ahead", 1, 0, 1) == 1;
        var echoWarmUpSeconds = options.Int("echo-warmup", 5, 0, 600);
        options.EnsureAllRead();
        if (clientProcess)
        {
            return await ChatInClientProcess.RunAsync(
                new ChatInClientProcess.Load(conversations, rate, seconds, echoSeconds, echoWarmUpSeconds, warmUpSeconds, durable, gcCauses));
        }
        var connections = 2 * conversations;

        // Both ends of every WebSocket live in this process, plus PostgreSQL connections and the runtime's own.
        FileDescriptorLimit.EnsureAtLeast((ulong)(2 * connections + 4096));
        await using var postgres = await PostgresDurability.StartAsync(Name, durable, walAhead);
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var database = await PostgresDurability.SettingsAsync(connectionString);
        await using var postgresActivity = postgresLog ? await PostgresActivityLog.StartAsync(connectionString, postgres.DataDir) : null;
        await using var server = await InProcessServer.StartAsync([$"ConnectionStrings:Kasse={connectionString}", .. UnlimitedSends]);
        var tokens = server.Services.GetRequiredService<DevelopmentTokens>();
        using var clients = new HubClients();

        LoopResult? echo = null, plainEcho = null;
        if (echoSeconds > 0)
        {
            var echoToken = tokens.Issue(new DemoUser("bench-echo", "Bench Echo", [KasseRoles.Versicherter], [], null), TokenLifetime);
            echo = await SignalREchoScenario.RunLoadAsync(server.BaseAddress, clients, echoToken, connections, echoSeconds, TextLength);
            Console.Error.WriteLine($"{Name}: echo reference {echo.OpsPerSecond:0} ops/s with {connections} connections");
            plainEcho = await SignalREchoScenario.RunPlainLoadAsync(clients, connections, echoSeconds, TextLength);
        }

        using var causes = gcCauses ? new GcCauses() : null;
        using var promotions = new GcPromotions();
        using var stalls = new ChatStalls();
        var run = new ChatRun(
            conversations, rate, seconds, TimeSpan.FromSeconds(warmUpSeconds),
            new ChatWindow(PostgresServer.PostmasterProcessId(postgres.DataDir), promotions), stalls);
        var setupStarted = Stopwatch.GetTimestamp();
        var pairs = CreatePairs(conversations, server.BaseAddress, clients, tokens, run);
        try
        {
            await SetUpAsync(pairs, server.Services.GetRequiredService<IGrainFactory>());
            var setupSeconds = Stopwatch.GetElapsedTime(setupStarted).TotalSeconds;
            Console.Error.WriteLine($"{Name}: {conversations} conversations started and joined in {setupSeconds:0.0} s");

            using (var sampler = allocationTypes > 0 ? new AllocationSampler() : null)
            {
                await run.SendAsync(pairs);
                if (sampler is not null)
                    Console.Error.WriteLine($"{Name}: allocations by type (sampled, warm-up and window)\n{sampler.Report(allocationTypes)}");
            }
            causes?.Stop();
            await run.DrainAsync(pairs);
            var (acked, missingInHistory, historyRows) = await CheckHistoryAsync(connectionString, pairs);
            var result = run.Result(echo, acked, missingInHistory, historyRows, setupSeconds)
                .WithPlainEchoIfRun(plainEcho, run.DeliveredPerSecond)
                .WithDurability(database);
            stalls.AddTo(result, Name);
            if (postgresActivity is not null)
                stalls.ReportAround(Name, "new WAL segment", postgresActivity.WalSegmentOffsets(stalls.WindowStartUtc, seconds));
            postgresActivity?.Report(Name, postgres.DataDir, stalls.WindowStartUtc, seconds);
            return causes?.AddTo(result) ?? result;
        }
        finally
        {
            await Parallel.ForEachAsync(
                pairs.SelectMany(p => new[] { p.Insured, p.Agent }),
                new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism },
                async (hub, _) => await hub.DisposeAsync());
        }
    }

    private static ChatPair[] CreatePairs(int conversations, Uri baseAddress, HubClients clients, DevelopmentTokens tokens, ChatRun run)
    {
        var customerHub = new Uri(baseAddress, CustomerHub.Path.TrimStart('/'));
        var agentHub = new Uri(baseAddress, AgentHub.Path.TrimStart('/'));
        var pairs = new ChatPair[conversations];
        for (var i = 0; i < conversations; i++)
        {
            // Synthetic users, unique per conversation, so each delivery reaches exactly one connection per side.
            var insuredToken = IssueInsured(tokens, i);
            var agentToken = IssueAgent(tokens, i);
            pairs[i] = CreatePair(
                Guid.NewGuid(), i, clients.Create(customerHub, insuredToken), clients.Create(agentHub, agentToken), run);
        }
        return pairs;
    }

    /// <summary>Conversation <paramref name="i"/>'s insured (<c>bench-insured-NNNNN</c>) and agent (<c>bench-agent-NNNNN</c>).</summary>
    internal static (string InsuredId, string AgentId) UsersOf(int i) => ($"bench-insured-{i:D5}", $"bench-agent-{i:D5}");

    internal static string IssueInsured(DevelopmentTokens tokens, int i) =>
        tokens.Issue(new DemoUser(UsersOf(i).InsuredId, $"Versicherte {i}", [KasseRoles.Versicherter], [], null), TokenLifetime);

    internal static string IssueAgent(DevelopmentTokens tokens, int i) =>
        tokens.Issue(new DemoUser(UsersOf(i).AgentId, $"Berater {i}", [KasseRoles.Agent], ["chat"], "bench"), TokenLifetime);

    /// <summary>Conversation <paramref name="i"/> over its two (not yet started) connections, counted by <paramref name="run"/>.</summary>
    internal static ChatPair CreatePair(Guid id, int i, HubConnection insured, HubConnection agent, ChatRun run)
    {
        var (insuredId, agentId) = UsersOf(i);
        var pair = new ChatPair(id, agentId, insured, agent, new Flow(insuredId, stripe: 2 * i), new Flow(agentId, stripe: 2 * i + 1));
        // Each side counts only the other side's messages (the sender gets its own back as well).
        pair.Agent.On<ConversationEvent>("ConversationEvent", e => run.OnEvent(e, pair.InsuredToAgent));
        pair.Insured.On<ConversationEvent>("ConversationEvent", e => run.OnEvent(e, pair.AgentToInsured));
        return pair;
    }

    private static async Task SetUpAsync(ChatPair[] pairs, IGrainFactory grains)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        using var handOver = new ChatHandOver(grains);
        var done = 0;
        await Parallel.ForEachAsync(
            pairs,
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = timeout.Token },
            async (pair, ct) =>
            {
                await pair.Insured.StartAsync(ct);
                await pair.Agent.StartAsync(ct);
                await handOver.StartAndTakeAsync(pair.Insured, pair.AgentId, pair.Id, Topic, ct);
                await pair.Agent.InvokeAsync<ConversationView>("JoinConversation", pair.Id, ct);
                var n = Interlocked.Increment(ref done);
                if (n % 250 == 0)
                    Console.Error.WriteLine($"{Name}: set up {n} / {pairs.Length} conversations");
            });
    }

    /// <summary>Every acknowledged message must be a row of <c>conversation_events</c> (the ack promises durability).</summary>
    internal static async Task<(long Acked, long MissingInHistory, long HistoryRows)> CheckHistoryAsync(string connectionString, ChatPair[] pairs)
    {
        var stored = new HashSet<(Guid, long)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT conversation_id, seq FROM conversation_events WHERE kind = {(short)ConversationEventKind.Message}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }
        long acked = 0, missing = 0;
        foreach (var pair in pairs)
        {
            foreach (var flow in new[] { pair.InsuredToAgent, pair.AgentToInsured })
            {
                foreach (var seq in flow.AckedSeqs())
                {
                    acked++;
                    if (!stored.Contains((pair.Id, seq)))
                        missing++;
                }
            }
        }
        return (acked, missing, stored.Count);
    }

    internal static string TextAt(long timestamp) =>
        (timestamp.ToString(CultureInfo.InvariantCulture) + Filler)[..TextLength];

    internal static bool TryReadTimestamp(string? text, out long timestamp)
    {
        timestamp = 0;
        if (text is null)
            return false;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && long.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
    }

    /// <summary>One conversation: its two connections and one flow of messages per direction.</summary>
    internal sealed record ChatPair(Guid Id, string AgentId, HubConnection Insured, HubConnection Agent, Flow InsuredToAgent, Flow AgentToInsured)
    {
        public HubConnection SenderOf(Flow flow) => ReferenceEquals(flow, InsuredToAgent) ? Insured : Agent;

        public HubConnection ReceiverOf(Flow flow) => ReferenceEquals(flow, InsuredToAgent) ? Agent : Insured;
    }

    /// <summary>The messages of one direction of one conversation: what was acknowledged, what arrived at the other side.</summary>
    internal sealed class Flow(string senderId, int stripe)
    {
        private readonly HashSet<long> _acked = [];
        private readonly HashSet<long> _delivered = [];
        private readonly HashSet<long> _recovered = [];
        private long _nextClientId;

        public string SenderId { get; } = senderId;

        public int Stripe { get; } = stripe;

        public string NextClientMessageId() => "m-" + Interlocked.Increment(ref _nextClientId).ToString(CultureInfo.InvariantCulture);

        public void Acked(long seq)
        {
            lock (_acked)
                _acked.Add(seq);
        }

        /// <summary>True the first time <paramref name="seq"/> arrives.</summary>
        public bool Delivered(long seq)
        {
            lock (_acked)
                return _delivered.Add(seq);
        }

        /// <summary>True when <paramref name="seq"/> first came through Resume (a later live copy is no duplicate then).</summary>
        public bool Recovered(long seq, bool add)
        {
            lock (_acked)
                return add ? _delivered.Add(seq) && _recovered.Add(seq) : _recovered.Contains(seq);
        }

        public long[] AckedSeqs()
        {
            lock (_acked)
                return [.. _acked];
        }

        public long[] Missing()
        {
            lock (_acked)
                return _acked.Where(s => !_delivered.Contains(s)).ToArray();
        }
    }

    /// <summary>The load, the counters and the result of one chat run.</summary>
    // The stall timeline needs the clients' latencies and the server's GC pauses in one process: in-process mode only.
    internal sealed class ChatRun(int conversations, int rate, int seconds, TimeSpan warmUp, ChatWindow window, ChatStalls? stalls = null)
    {
        private LatencyTimeline? _timeline;
        private readonly StripedLatency _delivery = new();
        private readonly StripedLatency _ack = new();
        private long _measureStart = long.MaxValue;
        private long _measureEnd = long.MaxValue;
        private long _sent, _acked, _ackedInWindow, _errors, _rateLimited, _delivered, _deliveredInWindow, _duplicates, _lateAfterResume, _recovered, _lost;
        private long _backlogAtSendEnd;
        private long _pending;
        private int _errorsLogged;

        public void OnEvent(ConversationEvent e, Flow flow)
        {
            if (e.Kind != ConversationEventKind.Message || e.SenderId != flow.SenderId)
                return;
            var now = Stopwatch.GetTimestamp();
            if (!flow.Delivered(e.Seq))
            {
                Interlocked.Increment(ref flow.Recovered(e.Seq, add: false) ? ref _lateAfterResume : ref _duplicates);
                return;
            }
            Interlocked.Increment(ref _delivered);
            // Throughput: what arrived inside the measured period. Latency: what was sent inside it, whenever it arrived.
            if (InWindow(now))
                Interlocked.Increment(ref _deliveredInWindow);
            if (TryReadTimestamp(e.Text, out var sentAt) && InWindow(sentAt))
            {
                _delivery.RecordTicks(flow.Stripe, now - sentAt);
                _timeline?.Record(sentAt, now - sentAt);
            }
        }

        public async Task SendAsync(ChatPair[] pairs)
        {
            var start = Stopwatch.GetTimestamp();
            _measureStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
            _measureEnd = _measureStart + seconds * Stopwatch.Frequency;
            _timeline = stalls?.Open(_measureStart, seconds);
            using var hang = new CancellationTokenSource(warmUp + TimeSpan.FromSeconds(seconds) + SendTimeout);
            var senders = pairs.SelectMany(p => new[] { (p, p.InsuredToAgent), (p, p.AgentToInsured) }).ToArray();
            Console.Error.WriteLine(rate == 0
                ? $"{Name}: {senders.Length} closed loops, warm-up {warmUp.TotalSeconds:0} s, measuring {seconds} s"
                : $"{Name}: {rate} messages/s over {senders.Length} connections, warm-up {warmUp.TotalSeconds:0} s, measuring {seconds} s");

            var load = rate == 0
                ? Task.WhenAll(senders.Select(s => Task.Run(() => ClosedLoopAsync(s.p, s.Item2, hang.Token))))
                : OpenLoopAsync(senders, start, hang.Token);
            var measured = window.CoverAsync(_measureStart, _measureEnd);
            long lastAcked = 0, lastDelivered = 0;
            while (await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(1))) != load)
            {
                var acked = Interlocked.Read(ref _acked);
                var delivered = Interlocked.Read(ref _delivered);
                var phase = Stopwatch.GetTimestamp() < _measureStart ? "warm-up" : "measure";
                Console.Error.WriteLine(
                    $"{Name}: {phase} {Stopwatch.GetElapsedTime(start).TotalSeconds,5:0.0} s  {acked - lastAcked,7} acks/s  {delivered - lastDelivered,7} delivered/s  {Interlocked.Read(ref _errors)} errors");
                (lastAcked, lastDelivered) = (acked, delivered);
            }
            await load;
            await measured;
            // Open loop: the last sends may still be waiting for their acks.
            var waitUntil = Stopwatch.GetTimestamp() + (long)(SendTimeout.TotalSeconds * Stopwatch.Frequency);
            while (Interlocked.Read(ref _pending) > 0 && Stopwatch.GetTimestamp() < waitUntil)
                await Task.Delay(50);
            _backlogAtSendEnd = Interlocked.Read(ref _acked) - Interlocked.Read(ref _delivered);
        }

        /// <summary>Waits up to <see cref="Drain"/> for late deliveries, then asks the server (Resume) for what is still missing.</summary>
        public async Task DrainAsync(ChatPair[] pairs)
        {
            var flows = pairs.SelectMany(p => new[] { (p, p.InsuredToAgent), (p, p.AgentToInsured) }).ToArray();
            var until = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
            var missing = flows.Sum(f => (long)f.Item2.Missing().Length);
            while (missing > 0 && Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(100);
                missing = flows.Sum(f => (long)f.Item2.Missing().Length);
            }
            Console.Error.WriteLine($"{Name}: {missing} acknowledged messages not delivered live after the drain; resuming");

            foreach (var (pair, flow) in flows)
            {
                if (flow.Missing().Length == 0)
                    continue;
                var receiver = pair.ReceiverOf(flow);
                long after = 0;
                IReadOnlyList<ConversationEvent> page;
                do
                {
                    page = await receiver.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", pair.Id, after);
                    var now = Stopwatch.GetTimestamp();
                    foreach (var e in page)
                    {
                        after = e.Seq;
                        if (e.Kind != ConversationEventKind.Message || e.SenderId != flow.SenderId || !flow.Recovered(e.Seq, add: true))
                            continue;
                        _recovered++;
                        // Delivered after all, only late: its latency counts like any other.
                        if (TryReadTimestamp(e.Text, out var sentAt) && InWindow(sentAt))
                        {
                            _delivery.RecordTicks(flow.Stripe, now - sentAt);
                            _timeline?.Record(sentAt, now - sentAt);
                        }
                    }
                }
                while (page.Count > 0);
                _lost += flow.Missing().Length;
            }
        }

        public double DeliveredPerSecond => _deliveredInWindow / (double)seconds;

        public ScenarioResult Result(LoopResult? echo, long acked, long missingInHistory, long historyRows, double setupSeconds)
        {
            var delivery = _delivery.Merge();
            var ack = _ack.Merge();
            var deliveredPerSecond = DeliveredPerSecond;
            var result = new ScenarioResult(Name)
            {
                OpsPerSecond = _ackedInWindow / (double)seconds,
                P50Milliseconds = delivery.PercentileMilliseconds(50),
                P99Milliseconds = delivery.PercentileMilliseconds(99),
                Errors = _errors,
                Lost = _lost,
            }
                .With("conversations", conversations)
                .With("rate", rate)
                .With("seconds", seconds)
                .With("warmup_s", warmUp.TotalSeconds)
                .With("delivered_per_s", deliveredPerSecond)
                .With("p999_ms", delivery.PercentileMilliseconds(99.9));
            if (echo is not null)
            {
                result.With("echo_per_s", echo.OpsPerSecond)
                    .With("ratio_to_echo", echo.OpsPerSecond > 0 ? deliveredPerSecond / echo.OpsPerSecond : 0)
                    .With("echo_p99_ms", echo.Latency.PercentileMilliseconds(99))
                    .With("echo_errors", echo.Errors);
            }
            return result
                .With("connections", 2 * conversations)
                .With("sent", _sent)
                .With("acked", acked)
                .With("delivered", _delivered)
                .With("duplicates", _duplicates)
                .With("backlog_at_send_end", _backlogAtSendEnd)
                .With("recovered_by_resume", _recovered)
                .With("live_after_resume", _lateAfterResume)
                .With("missing_in_history", missingInHistory)
                .With("history_rows", historyRows)
                .With("rate_limited", _rateLimited)
                .With("p90_ms", delivery.PercentileMilliseconds(90))
                .With("max_ms", delivery.MaxMilliseconds)
                .With("mean_ms", delivery.MeanMilliseconds)
                .With("ack_p50_ms", ack.PercentileMilliseconds(50))
                .With("ack_p99_ms", ack.PercentileMilliseconds(99))
                .With("setup_s", setupSeconds)
                .WithMeasuredWindow(window, _ackedInWindow, seconds);
        }

        private bool InWindow(long timestamp) => timestamp >= _measureStart && timestamp < _measureEnd;

        private async Task ClosedLoopAsync(ChatPair pair, Flow flow, CancellationToken hang)
        {
            var connection = pair.SenderOf(flow);
            while (!hang.IsCancellationRequested)
            {
                var before = Stopwatch.GetTimestamp();
                if (before >= _measureEnd)
                    break;
                if (!await SendOneAsync(connection, pair.Id, flow, before, hang))
                    await Task.Delay(ErrorBackoff, CancellationToken.None);
            }
        }

        private async Task OpenLoopAsync((ChatPair Pair, Flow Flow)[] senders, long start, CancellationToken hang)
        {
            var ticksPerMessage = Stopwatch.Frequency / (double)rate;
            long index = 0;
            while (!hang.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= _measureEnd)
                    break;
                var due = (long)((now - start) / ticksPerMessage) + 1;
                for (; index < due; index++)
                {
                    var (pair, flow) = senders[index % senders.Length];
                    // The scheduled time, not the moment the pacer got round to it: a late pacer shows up as latency.
                    var scheduled = start + (long)(index * ticksPerMessage);
                    Interlocked.Increment(ref _pending);
                    _ = SendAndReleaseAsync(pair.SenderOf(flow), pair.Id, flow, scheduled, hang);
                }
                await Task.Delay(1, CancellationToken.None);
            }
        }

        private async Task SendAndReleaseAsync(HubConnection connection, Guid conversationId, Flow flow, long sentAt, CancellationToken hang)
        {
            try
            {
                await SendOneAsync(connection, conversationId, flow, sentAt, hang);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }

        private async Task<bool> SendOneAsync(HubConnection connection, Guid conversationId, Flow flow, long sentAt, CancellationToken hang)
        {
            Interlocked.Increment(ref _sent);
            try
            {
                var ack = await connection.InvokeAsync<PostAck>("SendMessage", conversationId, flow.NextClientMessageId(), TextAt(sentAt), hang)
                    .ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                flow.Acked(ack.Seq);
                Interlocked.Increment(ref _acked);
                if (InWindow(sentAt))
                {
                    _ack.RecordTicks(flow.Stripe, now - sentAt);
                    Interlocked.Increment(ref _ackedInWindow);
                }
                return true;
            }
#pragma warning disable CA1031 // any failed send is an error to count, not to crash the run
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _errors);
                if (e is HubException && e.Message.Contains("RATE_LIMITED", StringComparison.Ordinal))
                    Interlocked.Increment(ref _rateLimited);
                if (Interlocked.Increment(ref _errorsLogged) <= 5)
                    Console.Error.WriteLine($"{Name}: send failed: {e.GetType().Name}: {e.Message}");
                return false;
            }
        }
    }
}
