using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Bench.Clients;
using Kasse.Bench.Plain;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>signalr-echo</c>: N authenticated WebSocket connections to the echo hub, each invoking <c>Echo</c> in a closed
/// loop. The transport-and-auth ceiling that every grain-backed real-time scenario is compared against. In the same
/// run, the same load against a bare SignalR hub (<see cref="PlainEchoServer"/>) gives <c>plain_echo_per_s</c>, the
/// honest reference: <c>ratio_to_plain_echo</c> is what the product's gateway pipeline leaves of it. By default the
/// clients run in a child process (<see cref="EchoClientChild"/>, <c>--client-process 1</c>), as a real client would,
/// so the server's CPU, allocations and garbage collections are its own; <c>--client-process 0</c> keeps them in this
/// process.
/// </summary>
public static class SignalREchoScenario
{
    public const string Name = "signalr-echo";
    private const string PlainLabel = "plain-echo";
    private const string DemoUserId = "A123456780";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(120);

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var connections = options.Int("connections", 100, 1, 20_000);
        var seconds = options.Int("seconds", 10, 1, 3600);
        var payloadLength = options.Int("payload", 32, 0, 32 * 1024);
        var rounds = options.Int("rounds", 1, 1, 10);
        var clientProcess = options.Int("client-process", 1, 0, 1) == 1;
        var idleSeconds = options.Int("idle-seconds", 5, 0, 60);
        var serverWarmupSeconds = options.Int("server-warmup-seconds", 5, 0, 60);
        options.EnsureAllRead();

        FileDescriptorLimit.EnsureAtLeast((ulong)(2 * connections + 4096));
        await using var server = await InProcessServer.StartAsync();
        var token = await IssueTokenAsync(server.BaseAddress);
        using var clients = new HubClients();
        // With the clients in a child process the plain hub gets one of its own too (see PlainEchoServerChild).
        await using var plainServer = clientProcess ? null : await PlainEchoServer.StartAsync();
        await using var plainChild = clientProcess ? await PlainEchoServerChild.StartAsync() : null;
        var plainHub = plainChild?.HubUri ?? plainServer!.HubUri;
        var productHub = new Uri(server.BaseAddress, EchoHub.Path.TrimStart('/'));
        // One unmeasured leg per server first: a server that has just started spends its first seconds of load on
        // tier-up JIT (the silo and the product far more than the bare hub), which is not what a call costs.
        if (serverWarmupSeconds > 0)
        {
            foreach (var (hub, accessToken) in new[] { (productHub, token), (plainHub, "no-token") })
            {
                _ = clientProcess
                    ? await EchoClientChild.MeasureAsync(
                        hub, accessToken, connections, serverWarmupSeconds, payloadLength, "server-warmup", EchoClientChild.OwnUsage)
                    : await MeasureAsync(hub, clients, accessToken, connections, serverWarmupSeconds, payloadLength, "server-warmup");
            }
        }
        // Rounds alternate product, plain, plain, product, … so that a drift of the machine's load over the run
        // weighs on both alike.
        var productRounds = new List<EchoLoad>();
        var plainRounds = new List<EchoLoad>();
        for (var round = 0; round < rounds; round++)
        {
            var productFirst = round % 2 == 0;
            for (var leg = 0; leg < 2; leg++)
            {
                var productLeg = (leg == 0) == productFirst;
                var (hub, accessToken, label, into) = productLeg
                    ? (productHub, token, Name, productRounds)
                    : (plainHub, "no-token", PlainLabel, plainRounds);
                into.Add(clientProcess
                    ? await EchoClientChild.MeasureAsync(
                        hub, accessToken, connections, seconds, payloadLength, label, productLeg ? EchoClientChild.OwnUsage : plainChild!.UsageAsync)
                    : await MeasureAsync(hub, clients, accessToken, connections, seconds, payloadLength, label));
            }
        }
        // Both servers' own background work (the silo's timers, metric collection, …), measured idle over the same span
        // once both are warm: the net figures per call leave it out, so they depend less on how long a call takes on a
        // busy machine.
        var idle = clientProcess && idleSeconds > 0
            ? await IdleUsage.MeasureAsync(EchoClientChild.OwnUsage, plainChild!.UsageAsync, TimeSpan.FromSeconds(idleSeconds))
            : null;
        var product = EchoLoad.Merge(productRounds);
        var plain = EchoLoad.Merge(plainRounds);

        var result = product.Loop;
        return result.ToResult(Name, r => r
            .With("connections", connections)
            .With("seconds", seconds)
            .With("rounds", rounds)
            .With("payload_chars", payloadLength)
            .With("client_process", clientProcess ? 1 : 0)
            .With("server_warmup_s", serverWarmupSeconds)
            .WithPlainEcho(plain.Loop, result.OpsPerSecond)
            // Process CPU (server and clients) per call over warm-up and measurement: steadier than calls/s on a busy
            // machine; the difference is what the product's pipeline costs per call.
            .With("cpu_us_per_call", product.CpuMicrosecondsPerCall)
            .With("plain_cpu_us_per_call", plain.CpuMicrosecondsPerCall)
            .With("pipeline_cpu_us_per_call", product.CpuMicrosecondsPerCall - plain.CpuMicrosecondsPerCall)
            // Allocations per call do not depend on the machine's load: the pipeline's share is exact.
            .With("alloc_bytes_per_call", product.AllocatedBytesPerCall)
            .With("plain_alloc_bytes_per_call", plain.AllocatedBytesPerCall)
            .WithServerShare(product, plain)
            .WithServerNetShare(product, plain, idle));
    }

    /// <summary>
    /// With an idle measurement: each server's background rate (<c>…_idle_cpu_ms_per_s</c>, <c>…_idle_alloc_kb_per_s</c>)
    /// and its cost per call without it (<c>…_net_…</c>), and the product's net CPU per call over the plain hub's
    /// (<c>net_server_cpu_ratio_to_plain</c>).
    /// </summary>
    private static ScenarioResult WithServerNetShare(this ScenarioResult result, EchoLoad product, EchoLoad plain, IdleUsage? idle)
    {
        if (idle is null || product.Server is not { } server || plain.Server is not { } plainServer)
            return result;
        var cpu = idle.Product.NetPerCall(server, product.Calls, s => s.CpuMicroseconds);
        var plainCpu = idle.Plain.NetPerCall(plainServer, plain.Calls, s => s.CpuMicroseconds);
        return result.With("idle_seconds", idle.Product.Seconds)
            .With("server_idle_cpu_ms_per_s", idle.Product.CpuMicroseconds / 1000 / idle.Product.Seconds)
            .With("plain_server_idle_cpu_ms_per_s", idle.Plain.CpuMicroseconds / 1000 / idle.Plain.Seconds)
            .With("server_idle_alloc_kb_per_s", idle.Product.AllocatedBytes / 1024.0 / idle.Product.Seconds)
            .With("plain_server_idle_alloc_kb_per_s", idle.Plain.AllocatedBytes / 1024.0 / idle.Plain.Seconds)
            .With("server_net_cpu_us_per_call", cpu)
            .With("plain_server_net_cpu_us_per_call", plainCpu)
            .With("net_server_cpu_ratio_to_plain", plainCpu > 0 ? cpu / plainCpu : 0)
            .With("server_net_alloc_bytes_per_call", idle.Product.NetPerCall(server, product.Calls, s => s.AllocatedBytes))
            .With("plain_server_net_alloc_bytes_per_call", idle.Plain.NetPerCall(plainServer, plain.Calls, s => s.AllocatedBytes));
    }

    /// <summary>With the clients in a child process: the server's own CPU and allocations per call, product and plain.</summary>
    private static ScenarioResult WithServerShare(this ScenarioResult result, EchoLoad product, EchoLoad plain) =>
        product.Server is not { } server || plain.Server is not { } plainServer
            ? result
            : result.With("server_cpu_us_per_call", server.CpuMicroseconds / Math.Max(1, product.Calls))
                .With("plain_server_cpu_us_per_call", plainServer.CpuMicroseconds / Math.Max(1, plain.Calls))
                .With("server_alloc_bytes_per_call", (double)server.AllocatedBytes / Math.Max(1, product.Calls))
                .With("plain_server_alloc_bytes_per_call", (double)plainServer.AllocatedBytes / Math.Max(1, plain.Calls));

    /// <summary>
    /// The same closed-loop echo load against a bare SignalR hub on its own Kestrel in this process (no authentication,
    /// filters, telemetry or custom JSON options); started and stopped here. The reference of <c>ratio_to_plain_echo</c>.
    /// </summary>
    public static async Task<LoopResult> RunPlainLoadAsync(HubClients clients, int connections, int seconds, int payloadLength)
    {
        await using var plain = await PlainEchoServer.StartAsync();
        var result = await MeasureAsync(plain.HubUri, clients, "no-token", connections, seconds, payloadLength, PlainLabel);
        Console.Error.WriteLine($"{Name}: plain echo {result.Loop.OpsPerSecond:0} ops/s with {connections} connections");
        return result.Loop;
    }

    /// <summary>As <see cref="WithPlainEcho"/> when the plain echo ran (<paramref name="plain"/> not null).</summary>
    public static ScenarioResult WithPlainEchoIfRun(this ScenarioResult result, LoopResult? plain, double opsPerSecond) =>
        plain is null ? result : result.WithPlainEcho(plain, opsPerSecond);

    /// <summary>Adds <c>plain_echo_per_s</c>, <c>plain_echo_p99_ms</c> and <c>ratio_to_plain_echo</c> (<paramref name="opsPerSecond"/> / plain).</summary>
    public static ScenarioResult WithPlainEcho(this ScenarioResult result, LoopResult plain, double opsPerSecond) =>
        result.With("plain_echo_per_s", plain.OpsPerSecond)
            .With("plain_echo_p99_ms", plain.Latency.PercentileMilliseconds(99))
            .With("plain_echo_errors", plain.Errors)
            .With("ratio_to_plain_echo", plain.OpsPerSecond > 0 ? opsPerSecond / plain.OpsPerSecond : 0);

    /// <summary>
    /// The echo load against a running server: <paramref name="connections"/> connections signed in with
    /// <paramref name="accessToken"/>, each a closed loop of <c>Echo(payload)</c>, 2 s warm-up, then
    /// <paramref name="seconds"/> measured. Opens and closes its own connections. Used alone and as the
    /// <c>echo_per_s</c> reference of <c>chat</c>.
    /// </summary>
    public static async Task<LoopResult> RunLoadAsync(
        Uri baseAddress, HubClients clients, string accessToken, int connections, int seconds, int payloadLength) =>
        (await MeasureAsync(new Uri(baseAddress, EchoHub.Path.TrimStart('/')), clients, accessToken, connections, seconds, payloadLength, Name)).Loop;

    /// <summary>
    /// Opens the connections, runs the closed loop, closes them. <paramref name="connected"/> runs once every connection
    /// is open, just before the loop (the child process tells its parent to start measuring there).
    /// </summary>
    internal static async Task<EchoLoad> MeasureAsync(
        Uri hubUri, HubClients clients, string accessToken, int connections, int seconds, int payloadLength, string label,
        Func<Task>? connected = null)
    {
        var payload = new string('x', payloadLength);

        Console.Error.WriteLine($"{label}: opening {connections} connections to {hubUri}");
        var hubs = new HubConnection[connections];
        for (var i = 0; i < connections; i++)
            hubs[i] = clients.Create(hubUri, accessToken);
        try
        {
            using (var connectTimeout = new CancellationTokenSource(ConnectTimeout))
            {
                await Parallel.ForEachAsync(
                    hubs,
                    new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = connectTimeout.Token },
                    async (hub, ct) => await hub.StartAsync(ct));
            }

            if (connected is not null)
                await connected();
            // Calls per worker, warm-up included (each worker's calls run one after another).
            var calls = new long[connections];
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var loop = await ClosedLoopRunner.RunAsync(
                label, connections, WarmUp, TimeSpan.FromSeconds(seconds),
                async (worker, _, ct) =>
                {
                    var echoed = await hubs[worker].InvokeAsync<string>("Echo", payload, ct);
                    calls[worker]++;
                    return echoed == payload;
                });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var total = Math.Max(1, calls.Sum());
            return new EchoLoad(loop, total, cpu.TotalMicroseconds, allocated);
        }
        finally
        {
            await Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (hub, _) => await hub.DisposeAsync());
        }
    }

    /// <summary>Signs in as a demo user the way the UIs do: <c>POST /dev/token</c>.</summary>
    private static async Task<string> IssueTokenAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("dev/token", new { userId = DemoUserId });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException("/dev/token returned no accessToken");
    }

    /// <summary>
    /// An echo load's figures, and the process CPU and managed allocations of one call (server and clients, warm-up
    /// included); <see cref="Server"/> the server's share when the clients ran in another process.
    /// </summary>
    internal sealed record EchoLoad(LoopResult Loop, long Calls, double CpuMicroseconds, long AllocatedBytes, ProcessShare? Server = null)
    {
        public double CpuMicrosecondsPerCall => CpuMicroseconds / Math.Max(1, Calls);

        public double AllocatedBytesPerCall => (double)AllocatedBytes / Math.Max(1, Calls);

        /// <summary>Several rounds of the same load as one: latencies merged, counts and times added.</summary>
        public static EchoLoad Merge(IReadOnlyList<EchoLoad> rounds)
        {
            if (rounds.Count == 1)
                return rounds[0];
            var latency = new LatencyRecorder();
            foreach (var round in rounds)
                latency.Merge(round.Loop.Latency);
            var loop = new LoopResult(
                latency, rounds.Sum(r => r.Loop.Errors), rounds.Sum(r => r.Loop.Lost), rounds.Sum(r => r.Loop.MeasuredSeconds));
            var server = rounds.All(r => r.Server is not null)
                ? new ProcessShare(
                    rounds.Sum(r => r.Server!.CpuMicroseconds), rounds.Sum(r => r.Server!.AllocatedBytes), rounds.Sum(r => r.Server!.Seconds))
                : null;
            return new EchoLoad(loop, rounds.Sum(r => r.Calls), rounds.Sum(r => r.CpuMicroseconds), rounds.Sum(r => r.AllocatedBytes), server);
        }
    }

    /// <summary>One process's CPU time and managed allocations over a load (or so far), and over how many seconds.</summary>
    internal sealed record ProcessShare(double CpuMicroseconds, long AllocatedBytes, double Seconds = 0)
    {
        /// <summary>
        /// Per call of a load that took <paramref name="load"/>, less this idle share's rate over the load's span (not
        /// below zero).
        /// </summary>
        public double NetPerCall(ProcessShare load, long calls, Func<ProcessShare, double> figure) =>
            Seconds > 0 ? Math.Max(0, figure(load) - figure(this) / Seconds * load.Seconds) / Math.Max(1, calls) : figure(load) / Math.Max(1, calls);
    }
}
