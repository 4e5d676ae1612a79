using System.Diagnostics;
using Kasse.Bench.Clients;
using Kasse.Bench.Diagnostics;
using Kasse.Conversations;
using Kasse.Web.Hubs;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>slow-reader</c>: U insured users chat normally, each with a writing and a reading connection (the push of a
/// message goes to the writer's other connection); messages are sent open loop at R per second in total and timed
/// from the send to their push at the reader. One more user has S connections that read only K bytes per second (a
/// raw WebSocket after the handshake, see <see cref="SlowReadingHubSocket"/>; 0: never) and a writer that posts long messages (4,000 characters) into
/// that user's conversation at W per second, so every one of the S connections gets every event and falls behind.
/// Two phases of the same length in the same run: the normal chat alone (<c>p99_alone_ms</c>), then with the slow
/// readers (<c>p99_ms</c>). The server's resident memory and managed heap are reported at the start and the end of
/// the second phase (and its peak): with the slow-reader limit they stay flat, because each slow connection is closed
/// once <c>--max-pending</c> pushes wait for it. The history goes to a throwaway PostgreSQL (the tests' fast settings:
/// this measures the gateway, not commits), so the flood's stored messages do not count as the server's memory.
/// </summary>
public static class SlowReaderScenario
{
    public const string Name = "slow-reader";

    private const string HeavyUser = "bench-slow-reader";
    private const int LongText = 4000;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var users = options.Int("users", 100, 1, 5000);
        var rate = options.Int("rate", 200, 1, 100_000);
        var seconds = options.Int("seconds", 15, 1, 3600);
        var slowCount = options.Int("slow", 20, 0, 5000);
        var slowRate = options.Int("slow-rate", 100, 1, 10_000);
        var slowReadBytes = options.Int("slow-read-bytes", 20_000, 0, 100_000_000);
        var maxPending = options.Int("max-pending", SlowReaderOptions.DefaultMaxPendingPushes, 1, int.MaxValue);
        options.EnsureAllRead();

        using var closedBehind = new SlowReaderLines();
        FileDescriptorLimit.EnsureAtLeast((ulong)(4 * (users + slowCount) + 4096));
        await using var postgres = await PostgresDurability.StartAsync(Name, durable: false);
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        await using var server = await InProcessServer.StartAsync(
        [
            $"ConnectionStrings:Kasse={connectionString}",
            "Realtime:SendRateLimit:TokensPerSecond=1000000",
            "Realtime:SendRateLimit:Burst=1000000",
            $"{SlowReaderOptions.Section}:MaxPendingPushes={maxPending}",
            "Logging:LogLevel:Kasse.Web.Realtime=Information",
        ], builder => builder.Logging.AddProvider(closedBehind));
        var tokens = server.Services.GetRequiredService<DevelopmentTokens>();
        var hubUri = new Uri(server.BaseAddress, CustomerHub.Path.TrimStart('/'));
        using var clients = new HubClients();
        using var setup = new CancellationTokenSource(SetupTimeout);

        var normal = new NormalChat();
        var writers = new (HubConnection Writer, Guid ConversationId)[users];
        var readers = new HubConnection[users];
        for (var i = 0; i < users; i++)
        {
            var token = Token(tokens, $"bench-reader-{i:D5}");
            writers[i] = (clients.Create(hubUri, token), Guid.NewGuid());
            readers[i] = clients.Create(hubUri, token);
            readers[i].On<ConversationEvent>("ConversationEvent", normal.OnPush);
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, users), setup.Token, async (i, ct) =>
        {
            await writers[i].Writer.StartAsync(ct);
            await readers[i].StartAsync(ct);
            await writers[i].Writer.InvokeAsync<ConversationView>("StartConversation", writers[i].ConversationId, "Frage zum Beitrag", null, ct);
        });

        var heavyToken = Token(tokens, HeavyUser);
        var heavyWriter = clients.Create(hubUri, heavyToken);
        await heavyWriter.StartAsync(setup.Token);
        var heavyConversation = Guid.NewGuid();
        await heavyWriter.InvokeAsync<ConversationView>("StartConversation", heavyConversation, "Viele Geräte", null, setup.Token);
        var slowSockets = await Task.WhenAll(Enumerable.Range(0, slowCount).Select(_ => SlowReadingHubSocket.ConnectAsync(hubUri, heavyToken, slowReadBytes, setup.Token)));
        var heavyConnections = server.Services.GetRequiredService<UserConnections<CustomerHub>>();
        Console.Error.WriteLine($"{Name}: {users} chatting users (2 connections each), {slowCount} slow connections of one user (reading {slowReadBytes} B/s)");

        try
        {
            // Phase 1: the normal chat alone.
            var alone = await normal.RunAsync(writers, rate, seconds, extraLoad: null);
            Console.Error.WriteLine($"{Name}: alone p99 {alone.Latency.PercentileMilliseconds(99):0.0} ms");

            // Phase 2: the same, while one user's writer floods that user's non-reading connections.
            var rssStart = RssSampler.CurrentBytes();
            var heapStart = GC.GetTotalMemory(forceFullCollection: true);
            await using var rss = RssSampler.Start(TimeSpan.FromMilliseconds(200));
            var heavy = new HeavyWriter(heavyWriter, heavyConversation, slowRate);
            var withSlow = await normal.RunAsync(writers, rate, seconds, extraLoad: heavy.RunAsync);
            var rssEnd = RssSampler.CurrentBytes();
            var heapEnd = GC.GetTotalMemory(forceFullCollection: true);
            var slowOpen = Math.Max(0, heavyConnections.Of(HeavyUser).Length - 1);
            Console.Error.WriteLine($"{Name}: with slow readers p99 {withSlow.Latency.PercentileMilliseconds(99):0.0} ms, {slowCount - slowOpen} of {slowCount} slow connections closed");

            return new ScenarioResult(Name)
            {
                OpsPerSecond = withSlow.Delivered / (double)seconds,
                P50Milliseconds = withSlow.Latency.PercentileMilliseconds(50),
                P99Milliseconds = withSlow.Latency.PercentileMilliseconds(99),
                Errors = alone.Errors + withSlow.Errors + heavy.Errors,
                Lost = alone.Lost + withSlow.Lost,
            }
                .With("users", users)
                .With("rate", rate)
                .With("seconds", seconds)
                .With("p50_alone_ms", alone.Latency.PercentileMilliseconds(50))
                .With("p99_alone_ms", alone.Latency.PercentileMilliseconds(99))
                .With("p99_ratio", withSlow.Latency.PercentileMilliseconds(99) / Math.Max(0.001, alone.Latency.PercentileMilliseconds(99)))
                .With("slow_connections", slowCount)
                .With("slow_closed", slowCount - slowOpen)
                .With("slow_closed_behind", closedBehind.Count)
                .With("slow_rate", slowRate)
                .With("slow_read_bytes_per_s", slowReadBytes)
                .With("slow_events_sent", heavy.Sent)
                .With("slow_text_chars", LongText)
                .With("max_pending", maxPending)
                .With("rss_start_mb", rssStart / 1048576.0)
                .With("rss_end_mb", rssEnd / 1048576.0)
                .With("rss_peak_mb", rss.PeakBytes / 1048576.0)
                .With("heap_start_mb", heapStart / 1048576.0)
                .With("heap_end_mb", heapEnd / 1048576.0);
        }
        finally
        {
            foreach (var socket in slowSockets)
                await socket.DisposeAsync();
            await heavyWriter.DisposeAsync();
            foreach (var connection in writers.Select(w => w.Writer).Concat(readers))
                await connection.DisposeAsync();
        }
    }

    /// <summary>Counts the gateway's <c>SLOW_READER</c> lines: connections closed for falling behind, not for other reasons.</summary>
    private sealed class SlowReaderLines : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("SLOW_READER", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
        }

        public void Dispose()
        {
        }
    }

    private static string Token(DevelopmentTokens tokens, string userId) =>
        tokens.Issue(new DemoUser(userId, "Bench", [KasseRoles.Versicherter], [], null), TokenLifetime);

    /// <summary>One phase's figures of the normal chat.</summary>
    private sealed record PhaseResult(LatencyRecorder Latency, long Delivered, long Errors, long Lost);

    /// <summary>The normal users' chat: open-loop sends round-robin over the writers, latency taken at the readers.</summary>
    private sealed class NormalChat
    {
        private readonly Lock _gate = new();
        private LatencyRecorder _latency = new();
        private long _delivered;

        public void OnPush(ConversationEvent e)
        {
            if (!ChatScenario.TryReadTimestamp(e.Text, out var sentAt))
                return;
            lock (_gate)
            {
                _latency.RecordSince(sentAt);
                _delivered++;
            }
        }

        public async Task<PhaseResult> RunAsync((HubConnection Writer, Guid ConversationId)[] writers, int rate, int seconds, Func<CancellationToken, Task>? extraLoad)
        {
            lock (_gate)
            {
                _latency = new LatencyRecorder();
                _delivered = 0;
            }
            long acked = 0, errors = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var extra = extraLoad?.Invoke(stop.Token) ?? Task.CompletedTask;
            var sends = new List<Task>();
            var started = Stopwatch.GetTimestamp();
            for (long k = 0; !stop.IsCancellationRequested; k++)
            {
                var due = TimeSpan.FromSeconds(k / (double)rate) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                    await Task.Delay(due);
                var (writer, conversationId) = writers[k % writers.Length];
                sends.Add(SendAsync(writer, conversationId));
            }
            await Task.WhenAll(sends);
            await extra;
            await Task.Delay(Drain); // pushes still on their way count; anything later is lost
            lock (_gate)
                return new PhaseResult(_latency, _delivered, errors, Math.Max(0, acked - _delivered));

            async Task SendAsync(HubConnection writer, Guid conversationId)
            {
                try
                {
                    await writer.InvokeAsync<PostAck>("SendMessage", conversationId, Guid.NewGuid().ToString("N"), ChatScenario.TextAt(Stopwatch.GetTimestamp()));
                    Interlocked.Increment(ref acked);
                }
                catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }
    }

    /// <summary>Posts long messages into the heavy user's conversation, open loop, until stopped.</summary>
    private sealed class HeavyWriter(HubConnection writer, Guid conversationId, int rate)
    {
        private long _sent;
        private long _errors;

        public long Sent => Interlocked.Read(ref _sent);

        public long Errors => Interlocked.Read(ref _errors);

        public async Task RunAsync(CancellationToken stop)
        {
            var text = new string('x', LongText);
            var sends = new List<Task>();
            var started = Stopwatch.GetTimestamp();
            for (long k = 0; !stop.IsCancellationRequested; k++)
            {
                var due = TimeSpan.FromSeconds(k / (double)rate) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                    await Task.Delay(due, CancellationToken.None);
                sends.Add(SendAsync());
            }
            await Task.WhenAll(sends);

            async Task SendAsync()
            {
                try
                {
                    await writer.InvokeAsync<PostAck>("SendMessage", conversationId, Guid.NewGuid().ToString("N"), text);
                    Interlocked.Increment(ref _sent);
                }
                catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
                {
                    Interlocked.Increment(ref _errors);
                }
            }
        }
    }
}
