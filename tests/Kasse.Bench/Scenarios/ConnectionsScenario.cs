using System.Diagnostics;
using System.Security.Cryptography;
using Kasse.Bench.Clients;
using Kasse.Web.Hubs;
using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>connections</c>: N idle, authenticated WebSocket connections to <c>/hubs/customer</c> (one synthetic insured
/// person each) held on one embedded silo. The server runs in a <b>child process</b> (this tool in its hidden
/// <c>server-child</c> mode), so its memory is measured alone: after a full blocking GC, before the N connections and
/// again after they have been held idle for a while (two SignalR keep-alive rounds). The client side (this process)
/// spreads its connections over several loopback source addresses so ephemeral ports never run short. Then the same
/// again against the bare reference (<see cref="Plain.PlainJwtHubServer"/>, <c>--plain 0</c> skips it), one server
/// after the other so each pair of processes stays within the open-file limit.
/// </summary>
public static class ConnectionsScenario
{
    public const string Name = "connections";
    private const int ConnectionsPerSourceAddress = 5000;
    private const int WarmUpConnections = 200;

    /// <summary>Descriptors each process needs besides the sockets of the run (assemblies, epoll, listeners, pipes).</summary>
    private const int DescriptorReserve = 512;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(10);

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var count = options.Int("count", 20_000, 1, 500_000);
        var holdSeconds = options.Int("hold-seconds", 35, 0, 3600);
        var parallelism = options.Int("parallel", 64, 1, 1024);
        var heapLimitMb = options.Int("heap-limit-mb", 0, 0, 1_000_000);
        var gen0MaxBudgetMb = options.Int("gen0-max-budget-mb", 0, 0, 65536);
        var withPlain = options.Int("plain", 1, 0, 1) == 1;
        options.EnsureAllRead();

        // This process holds the client ends, the child the server ends; the child inherits the limit.
        var (fdBefore, fdAfter) = FileDescriptorLimit.EnsureAtLeast((ulong)(count + WarmUpConnections + 8192));
        if (OperatingSystem.IsLinux() && fdAfter < (ulong)(count + DescriptorReserve))
        {
            throw new BenchUsageException(
                $"the open-file limit is {fdAfter} and cannot be raised (hard limit; raising it needs CAP_SYS_RESOURCE), but each of the two " +
                $"processes needs {count} sockets + {DescriptorReserve} in reserve; use --count {(long)fdAfter - DescriptorReserve} or less, " +
                "or raise `ulimit -Hn` before the run");
        }
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var tokens = new DevelopmentTokens(Options.Create(new AuthOptions { DevelopmentSigningKey = signingKey, Audience = ServerChild.Audience }));
        var sourceAddresses = Math.Max(1, (count + ConnectionsPerSourceAddress - 1) / ConnectionsPerSourceAddress);
        using var clients = new HubClients(sourceAddresses);
        var run = new Run(clients, tokens, count, holdSeconds, parallelism);

        // One server at a time, so each process pair stays within the open-file limit.
        var product = await MeasureAsync(run, await ServerChild.StartAsync(signingKey, heapLimitMb, gen0MaxBudgetMb: gen0MaxBudgetMb), "product");
        var plain = withPlain ? await MeasureAsync(run, await ServerChild.StartAsync(signingKey, heapLimitMb, plain: true, gen0MaxBudgetMb), "plain") : null;

        var result = new ScenarioResult(Name)
        {
            OpsPerSecond = product.Opened / product.ConnectSeconds,
            Errors = product.Failed,
            Lost = product.Dropped,
        }
            .With("connections", product.Connected)
            .With("kb_per_connection", product.KbPerConnection);
        if (plain is not null)
        {
            result
                .With("plain_kb_per_connection", plain.KbPerConnection)
                .With("ratio_to_plain", product.KbPerConnection / plain.KbPerConnection)
                .With("plain_managed_kb_per_connection", plain.ManagedKbPerConnection)
                .With("plain_trimmed_kb_per_connection", plain.TrimmedKbPerConnection)
                .With("plain_server_gc_pause_ms", plain.GcPauseMs)
                .With("plain_connections", plain.Connected)
                .With("plain_errors", plain.Failed + plain.Dropped);
        }
        return result
            .With("managed_kb_per_connection", product.ManagedKbPerConnection)
            .With("committed_kb_per_connection", product.CommittedKbPerConnection)
            .With("trimmed_kb_per_connection", product.TrimmedKbPerConnection)
            .With("requested", count)
            .With("hold_seconds", holdSeconds)
            .With("heap_limit_mb", heapLimitMb)
            .With("gen0_max_budget_mb", gen0MaxBudgetMb)
            .With("connect_s", product.ConnectSeconds)
            .With("server_gc_pause_ms", product.GcPauseMs)
            .With("server_gen0_gcs", product.Gen0Collections)
            .With("server_rss_mb_before", product.Before.WorkingSetBytes / 1048576.0)
            .With("server_rss_mb_after", product.After.WorkingSetBytes / 1048576.0)
            .With("server_managed_mb_before", product.Before.ManagedBytes / 1048576.0)
            .With("server_managed_mb_after", product.After.ManagedBytes / 1048576.0)
            .With("server_threads_after", product.After.Threads)
            .With("server_fds_before", product.Before.Descriptors)
            .With("server_fds_after", product.After.Descriptors)
            .With("source_addresses", sourceAddresses)
            .With("nofile_limit", (long)fdAfter)
            .With("nofile_limit_before", (long)fdBefore);
    }

    private sealed record Run(HubClients Clients, DevelopmentTokens Tokens, int Count, int HoldSeconds, int Parallelism);

    /// <summary>What one server child took for the run's connections.</summary>
    private sealed record Phase(
        ServerMemory Before, ServerMemory After, ServerMemory BeforeTrimmed, ServerMemory AfterTrimmed,
        int Connected, int ConnectedTrimmed, long Opened, long Failed, int Dropped, double ConnectSeconds)
    {
        public double KbPerConnection => PerConnection(After.WorkingSetBytes - Before.WorkingSetBytes, Connected);

        public double ManagedKbPerConnection => PerConnection(After.ManagedBytes - Before.ManagedBytes, Connected);

        public double CommittedKbPerConnection => PerConnection(After.CommittedBytes - Before.CommittedBytes, Connected);

        public double TrimmedKbPerConnection => PerConnection(AfterTrimmed.WorkingSetBytes - BeforeTrimmed.WorkingSetBytes, ConnectedTrimmed);

        /// <summary>GC pause time of the server during the connection storm and the hold (and the aggressive collection of the last measurement before).</summary>
        public double GcPauseMs => After.GcPauseMs - BeforeTrimmed.GcPauseMs;

        public int Gen0Collections => After.Gen0Collections - BeforeTrimmed.Gen0Collections;

        private static double PerConnection(long bytes, int connections) => bytes / 1024.0 / Math.Max(1, connections);
    }

    /// <summary>Warms <paramref name="server"/> up, opens the run's connections, holds them idle, measures, stops the server.</summary>
    private static async Task<Phase> MeasureAsync(Run run, ServerChild server, string label)
    {
        await using var _ = server;
        var hubUri = new Uri(server.BaseAddress, CustomerHub.Path.TrimStart('/'));
        Console.Error.WriteLine(
            $"{Name}: {label} server pid {server.ProcessId} at {server.BaseAddress}; client source addresses {run.Clients.LocalAddresses[0]}..{run.Clients.LocalAddresses[^1]}");

        // Warm-up: the first connections JIT the connection path and fill pools; they are not part of the growth.
        var warmUp = Open(run, hubUri, "bench-warmup", WarmUpConnections);
        await StartAllAsync(warmUp, run.Parallelism, "warm-up");
        await DisposeAllAsync(warmUp, run.Parallelism);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = await server.MeasureAsync();
        var beforeTrimmed = await server.MeasureAsync(trimmed: true);
        Console.Error.WriteLine($"{Name}: {label} server before: {before}; trimmed: {beforeTrimmed}");

        var hubs = Open(run, hubUri, "bench-insured", run.Count);
        var dropped = 0;
        var holding = true;
        foreach (var hub in hubs)
        {
            hub.Closed += _ =>
            {
                if (Volatile.Read(ref holding))
                    Interlocked.Increment(ref dropped);
                return Task.CompletedTask;
            };
        }
        var connectStarted = Stopwatch.GetTimestamp();
        try
        {
            var failed = await StartAllAsync(hubs, run.Parallelism, "open");
            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
            Console.Error.WriteLine($"{Name}: {label}: {run.Count - failed} of {run.Count} connected in {connectSeconds:0.0} s; holding them idle for {run.HoldSeconds} s");
            for (var s = 0; s < run.HoldSeconds; s++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                if ((s + 1) % 5 == 0)
                    Console.Error.WriteLine($"{Name}: holding {s + 1,4} s, {hubs.Count(h => h.State == HubConnectionState.Connected)} connected");
            }
            // Counted after each measurement: on a loaded machine a long full GC can make the server time clients out.
            var after = await server.MeasureAsync();
            var connected = hubs.Count(h => h.State == HubConnectionState.Connected);
            var afterTrimmed = await server.MeasureAsync(trimmed: true);
            var connectedTrimmed = hubs.Count(h => h.State == HubConnectionState.Connected);
            Console.Error.WriteLine($"{Name}: {label} server after: {after}; {connected} connected; trimmed: {afterTrimmed}; {connectedTrimmed} connected");
            Volatile.Write(ref holding, false);
            return new Phase(
                before, after, beforeTrimmed, afterTrimmed, connected, connectedTrimmed, run.Count - failed, failed, Volatile.Read(ref dropped), connectSeconds);
        }
        finally
        {
            Volatile.Write(ref holding, false);
            await DisposeAllAsync(hubs, run.Parallelism);
        }
    }

    private static HubConnection[] Open(Run run, Uri hubUri, string prefix, int count)
    {
        var hubs = new HubConnection[count];
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}-{i:D6}";
            hubs[i] = run.Clients.Create(hubUri, run.Tokens.Issue(new DemoUser(id, $"Versicherte {i}", [KasseRoles.Versicherter], [], null), TokenLifetime));
        }
        return hubs;
    }

    /// <summary>Starts every connection (at most <paramref name="parallelism"/> handshakes at once); returns how many failed.</summary>
    private static async Task<long> StartAllAsync(HubConnection[] hubs, int parallelism, string label)
    {
        long started = 0, failed = 0;
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        var loop = Parallel.ForEachAsync(
            hubs,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = timeout.Token },
            async (hub, ct) =>
            {
                try
                {
                    await hub.StartAsync(ct);
                    Interlocked.Increment(ref started);
                }
#pragma warning disable CA1031 // a failed connection is counted, the run goes on
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    if (Interlocked.Increment(ref failed) <= 5)
                        Console.Error.WriteLine($"{Name}: connect failed: {e.GetType().Name}: {e.Message}");
                }
            });
        while (await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(2))) != loop)
            Console.Error.WriteLine($"{Name}: {label} {Interlocked.Read(ref started),7} / {hubs.Length} connected, {Interlocked.Read(ref failed)} failed");
        await loop;
        return failed;
    }

    private static Task DisposeAllAsync(HubConnection[] hubs, int parallelism) =>
        Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (hub, _) => await hub.DisposeAsync());
}

