using System.Diagnostics;
using System.Globalization;
using System.Reflection;
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
/// spreads its connections over several loopback source addresses so ephemeral ports never run short.
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
        await using var server = await ServerChild.StartAsync(signingKey, heapLimitMb);
        var tokens = new DevelopmentTokens(Options.Create(new AuthOptions { DevelopmentSigningKey = signingKey, Audience = ServerChild.Audience }));
        var hubUri = new Uri(server.BaseAddress, CustomerHub.Path.TrimStart('/'));
        var sourceAddresses = Math.Max(1, (count + ConnectionsPerSourceAddress - 1) / ConnectionsPerSourceAddress);
        using var clients = new HubClients(sourceAddresses);
        Console.Error.WriteLine(
            $"{Name}: server pid {server.ProcessId} at {server.BaseAddress}; client source addresses {clients.LocalAddresses[0]}..{clients.LocalAddresses[^1]}");

        // Warm-up: the first connections JIT the connection path and fill pools; they are not part of the growth.
        var warmUp = Open(clients, hubUri, tokens, "bench-warmup", WarmUpConnections);
        await StartAllAsync(warmUp, parallelism, "warm-up");
        await DisposeAllAsync(warmUp, parallelism);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = await server.MeasureAsync();
        var beforeTrimmed = await server.MeasureAsync(trimmed: true);
        Console.Error.WriteLine($"{Name}: server before: {before}; trimmed: {beforeTrimmed}");

        var hubs = Open(clients, hubUri, tokens, "bench-insured", count);
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
        long failed;
        try
        {
            failed = await StartAllAsync(hubs, parallelism, "open");
            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
            Console.Error.WriteLine($"{Name}: {count - failed} of {count} connected in {connectSeconds:0.0} s; holding them idle for {holdSeconds} s");
            for (var s = 0; s < holdSeconds; s++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                if ((s + 1) % 5 == 0)
                    Console.Error.WriteLine($"{Name}: holding {s + 1,4} s, {hubs.Count(h => h.State == HubConnectionState.Connected)} connected");
            }
            var after = await server.MeasureAsync();
            var afterTrimmed = await server.MeasureAsync(trimmed: true);
            var connected = hubs.Count(h => h.State == HubConnectionState.Connected);
            Console.Error.WriteLine($"{Name}: server after: {after}; trimmed: {afterTrimmed}; {connected} connected");
            Volatile.Write(ref holding, false);

            var kbPerConnection = (after.WorkingSetBytes - before.WorkingSetBytes) / 1024.0 / Math.Max(1, connected);
            return new ScenarioResult(Name)
            {
                OpsPerSecond = (count - failed) / connectSeconds,
                Errors = failed,
                Lost = Volatile.Read(ref dropped),
            }
                .With("connections", connected)
                .With("kb_per_connection", kbPerConnection)
                .With("managed_kb_per_connection", (after.ManagedBytes - before.ManagedBytes) / 1024.0 / Math.Max(1, connected))
                .With("committed_kb_per_connection", (after.CommittedBytes - before.CommittedBytes) / 1024.0 / Math.Max(1, connected))
                .With("trimmed_kb_per_connection", (afterTrimmed.WorkingSetBytes - beforeTrimmed.WorkingSetBytes) / 1024.0 / Math.Max(1, connected))
                .With("requested", count)
                .With("hold_seconds", holdSeconds)
                .With("heap_limit_mb", heapLimitMb)
                .With("connect_s", connectSeconds)
                .With("server_rss_mb_before", before.WorkingSetBytes / 1048576.0)
                .With("server_rss_mb_after", after.WorkingSetBytes / 1048576.0)
                .With("server_managed_mb_before", before.ManagedBytes / 1048576.0)
                .With("server_managed_mb_after", after.ManagedBytes / 1048576.0)
                .With("server_threads_after", after.Threads)
                .With("server_fds_before", before.Descriptors)
                .With("server_fds_after", after.Descriptors)
                .With("source_addresses", sourceAddresses)
                .With("nofile_limit", (long)fdAfter)
                .With("nofile_limit_before", (long)fdBefore);
        }
        finally
        {
            Volatile.Write(ref holding, false);
            await DisposeAllAsync(hubs, parallelism);
        }
    }

    private static HubConnection[] Open(HubClients clients, Uri hubUri, DevelopmentTokens tokens, string prefix, int count)
    {
        var hubs = new HubConnection[count];
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}-{i:D6}";
            hubs[i] = clients.Create(hubUri, tokens.Issue(new DemoUser(id, $"Versicherte {i}", [KasseRoles.Versicherter], [], null), TokenLifetime));
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

/// <summary>The server's memory at one moment, as the child process reports it after a full blocking GC.</summary>
public sealed record ServerMemory(long ManagedBytes, long CommittedBytes, long WorkingSetBytes, long PrivateBytes, int Threads, int Descriptors)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"managed {ManagedBytes / 1048576.0:0.0} MB, GC committed {CommittedBytes / 1048576.0:0.0} MB, RSS {WorkingSetBytes / 1048576.0:0.0} MB, private {PrivateBytes / 1048576.0:0.0} MB, {Threads} threads, {Descriptors} open files");
}

/// <summary>
/// The real server (embedded mode) in a child process of this tool, driven over stdin/stdout: it prints
/// <c>ready &lt;url&gt;</c>, answers <c>measure</c> with <c>memory &lt;managed&gt; &lt;committed&gt; &lt;rss&gt; &lt;private&gt; &lt;threads&gt;</c>,
/// and stops on <c>exit</c> or when stdin closes. Its logs go to the shared stderr.
/// </summary>
public sealed class ServerChild : IAsyncDisposable
{
    public const string Name = "server-child";
    public const string Audience = "kasse";
    private readonly Process _process;

    private ServerChild(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts this tool again in <c>server-child</c> mode and waits for it to listen.</summary>
    /// <param name="signingKey">The key the child signs and checks development tokens with.</param>
    /// <param name="heapLimitMb">A GC heap limit for the child (0 = none), as a container or a systemd
    /// <c>MemoryMax</c> gives a silo: the runtime then sizes its heap to 75 % of the memory limit.</param>
    public static async Task<ServerChild> StartAsync(string signingKey, int heapLimitMb = 0)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        if (heapLimitMb > 0)
            info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)heapLimitMb << 20).ToString("X", CultureInfo.InvariantCulture);
        info.ArgumentList.Add(Name);
        info.ArgumentList.Add("--signing-key");
        info.ArgumentList.Add(signingKey);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server child");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"server child did not start: '{line}'");
        }
        return new ServerChild(process, new Uri(line["ready ".Length..]));
    }

    /// <summary>
    /// The child's memory after a full compacting GC; <paramref name="trimmed"/> makes it an aggressive one, after which
    /// the GC has also given back the free memory it otherwise keeps for coming allocations.
    /// </summary>
    public async Task<ServerMemory> MeasureAsync(bool trimmed = false)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(trimmed ? "measure-trimmed" : "measure");
            await _process.StandardInput.FlushAsync();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException("the server child has exited (see its output above)", e);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("server child exited");
        var parts = line.Split(' ');
        if (parts.Length != 7 || parts[0] != "memory")
            throw new InvalidOperationException($"unexpected answer from the server child: '{line}'");
        return new ServerMemory(
            long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture),
            int.Parse(parts[5], CultureInfo.InvariantCulture), int.Parse(parts[6], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await ChildProcessStop.StopAsync(_process, TimeSpan.FromSeconds(60));

    /// <summary>The child's side: serve until told to exit.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var signingKey = options.String("signing-key");
        options.EnsureAllRead();
        await using var server = await InProcessServer.StartAsync([$"Auth:DevelopmentSigningKey={signingKey}", $"Auth:Audience={Audience}"]);
        await Console.Out.WriteLineAsync($"ready {server.BaseAddress}");
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "exit")
                break;
            if (command is not ("measure" or "measure-trimmed"))
                continue;
            GC.Collect(GC.MaxGeneration, command == "measure" ? GCCollectionMode.Forced : GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            var committed = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var descriptors = Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : -1;
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"memory {managed} {committed} {self.WorkingSet64} {self.PrivateMemorySize64} {self.Threads.Count} {descriptors}"));
            await Console.Out.FlushAsync();
        }
        return 0;
    }
}
