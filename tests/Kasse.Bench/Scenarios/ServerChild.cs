using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Clients;
using Kasse.Bench.Plain;

namespace Kasse.Bench.Scenarios;

/// <summary>The server's memory at one moment, as the child process reports it after a full blocking GC.</summary>
public sealed record ServerMemory(
    long ManagedBytes, long CommittedBytes, long WorkingSetBytes, long PrivateBytes, int Threads, int Descriptors, double GcPauseMs, int Gen0Collections)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"managed {ManagedBytes / 1048576.0:0.0} MB, GC committed {CommittedBytes / 1048576.0:0.0} MB, RSS {WorkingSetBytes / 1048576.0:0.0} MB, private {PrivateBytes / 1048576.0:0.0} MB, {Threads} threads, {Descriptors} open files, GC pauses {GcPauseMs:0} ms, {Gen0Collections} gen-0 GCs");
}

/// <summary>
/// The real server (embedded mode), or with <c>plain</c> the bare reference (<see cref="PlainJwtHubServer"/>), in a
/// child process of this tool, driven over stdin/stdout: it prints <c>ready &lt;url&gt;</c>, answers <c>measure</c> with
/// <c>memory &lt;managed&gt; &lt;committed&gt; &lt;rss&gt; &lt;private&gt; &lt;threads&gt; &lt;fds&gt; &lt;gc pause ms&gt; &lt;gen-0 GCs&gt;</c>, and stops on <c>exit</c> or when
/// stdin closes. Its logs go to the shared stderr. Both kinds are the same executable, so they run with the same GC
/// settings.
/// </summary>
public sealed class ServerChild : IAsyncDisposable
{
    public const string Name = "server-child";
    public const string PlainName = "plain-jwt-server";
    public const string Audience = "kasse";
    private readonly Process _process;

    private ServerChild(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts this tool again in <c>server-child</c> (or <c>plain-jwt-server</c>) mode and waits for it to listen.</summary>
    /// <param name="signingKey">The key the child signs and checks development tokens with.</param>
    /// <param name="heapLimitMb">A GC heap limit for the child (0 = none), as a container or a systemd
    /// <c>MemoryMax</c> gives a silo: the runtime then sizes its heap to 75 % of the memory limit.</param>
    /// <param name="plain">Start the bare SignalR + JWT reference instead of the product.</param>
    /// <param name="gen0MaxBudgetMb">A cap on the GC's gen-0 allocation budget per heap (0 = the runtime's choice;
    /// <c>DOTNET_GCGen0MaxBudget</c>, which only the environment can set), as a gateway silo's deployment may set it.</param>
    public static async Task<ServerChild> StartAsync(string signingKey, int heapLimitMb = 0, bool plain = false, int gen0MaxBudgetMb = 0)
    {
        var environment = new Dictionary<string, string>();
        if (heapLimitMb > 0)
            environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)heapLimitMb << 20).ToString("X", CultureInfo.InvariantCulture);
        if (gen0MaxBudgetMb > 0)
            environment["DOTNET_GCGen0MaxBudget"] = "0x" + ((long)gen0MaxBudgetMb << 20).ToString("X", CultureInfo.InvariantCulture);
        var process = BenchChildProcess.Start(
            [plain ? PlainName : Name, "--signing-key", signingKey], redirectStandardInput: true, environment);
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
        if (parts.Length != 9 || parts[0] != "memory")
            throw new InvalidOperationException($"unexpected answer from the server child: '{line}'");
        return new ServerMemory(
            long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture),
            int.Parse(parts[5], CultureInfo.InvariantCulture), int.Parse(parts[6], CultureInfo.InvariantCulture),
            double.Parse(parts[7], CultureInfo.InvariantCulture), int.Parse(parts[8], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await ChildProcessStop.StopAsync(_process, TimeSpan.FromSeconds(60));

    /// <summary>The child's side: serve until told to exit.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var signingKey = options.String("signing-key");
        options.EnsureAllRead();
        await using var server = await InProcessServer.StartAsync([$"Auth:DevelopmentSigningKey={signingKey}", $"Auth:Audience={Audience}"]);
        await ServeAsync(server.BaseAddress);
        return 0;
    }

    /// <summary>The reference child's side: the bare hub with JWT bearer authentication, serve until told to exit.</summary>
    public static async Task<int> RunPlainAsync(BenchOptions options)
    {
        var signingKey = options.String("signing-key");
        options.EnsureAllRead();
        await using var server = await PlainJwtHubServer.StartAsync(Convert.FromBase64String(signingKey), Audience);
        await ServeAsync(server.BaseAddress);
        return 0;
    }

    private static async Task ServeAsync(Uri baseAddress)
    {
        await Console.Out.WriteLineAsync($"ready {baseAddress}");
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "exit")
                break;
            if (command is not ("measure" or "measure-trimmed"))
                continue;
            // Before the measurement's own collections: what the GC cost the server while connections came and stayed.
            var pauseMs = GC.GetTotalPauseDuration().TotalMilliseconds;
            var gen0 = GC.CollectionCount(0);
            GC.Collect(GC.MaxGeneration, command == "measure" ? GCCollectionMode.Forced : GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            var committed = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var descriptors = Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : -1;
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"memory {managed} {committed} {self.WorkingSet64} {self.PrivateMemorySize64} {self.Threads.Count} {descriptors} {pauseMs:R} {gen0}"));
            await Console.Out.FlushAsync();
        }
    }
}
