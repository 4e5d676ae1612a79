using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Scenarios;

namespace Kasse.Bench.Clients;

/// <summary>
/// The client half of <c>signalr-echo</c> in its own process (this tool in its hidden <c>echo-client</c> mode), as
/// the reference measurement had it: the server process then pays only for serving, and its CPU, allocations
/// and collections are measured alone. Line protocol on the child's stdout: <c>running</c> once its connections are
/// open (the parent starts measuring the server), then
/// <c>result &lt;calls&gt; &lt;errors&gt; &lt;lost&gt; &lt;seconds&gt; &lt;cpu µs&gt; &lt;allocated bytes&gt; &lt;latencies&gt;</c>.
/// </summary>
public static class EchoClientChild
{
    public const string Name = "echo-client";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs one echo leg from a child process; the returned load counts server and client together.
    /// <paramref name="serverUsage"/> reads the serving process's CPU time and allocations so far.
    /// </summary>
    internal static async Task<SignalREchoScenario.EchoLoad> MeasureAsync(
        Uri hubUri, string accessToken, int connections, int seconds, int payloadLength, string label,
        Func<Task<SignalREchoScenario.ProcessShare>> serverUsage)
    {
        using var process = Start(hubUri, accessToken, connections, seconds, payloadLength, label);
        try
        {
            await ExpectAsync(process, "running");
            var before = await serverUsage();
            var span = Stopwatch.StartNew();
            var result = await ExpectAsync(process, "result ");
            var after = await serverUsage();
            var server = new SignalREchoScenario.ProcessShare(
                after.CpuMicroseconds - before.CpuMicroseconds, after.AllocatedBytes - before.AllocatedBytes, span.Elapsed.TotalSeconds);
            using (var exit = new CancellationTokenSource(StepTimeout))
                await process.WaitForExitAsync(exit.Token);
            return Parse(result, server);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The child's side: one closed echo loop, reported on stdout.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var hubUri = new Uri(options.String("hub"));
        var accessToken = options.String("token");
        var connections = options.Int("connections", 100, 1, 20_000);
        var seconds = options.Int("seconds", 10, 1, 3600);
        var payloadLength = options.Int("payload", 32, 0, 32 * 1024);
        var label = options.String("label");
        options.EnsureAllRead();

        FileDescriptorLimit.EnsureAtLeast((ulong)(connections + 4096));
        using var clients = new HubClients();
        var load = await SignalREchoScenario.MeasureAsync(
            hubUri, clients, accessToken, connections, seconds, payloadLength, label,
            connected: async () =>
            {
                await Console.Out.WriteLineAsync("running");
                await Console.Out.FlushAsync();
            });
        var loop = load.Loop;
        await Console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"result {load.Calls} {loop.Errors} {loop.Lost} {loop.MeasuredSeconds:R} {load.CpuMicroseconds:R} {load.AllocatedBytes} {loop.Latency.ToWire()}"));
        await Console.Out.FlushAsync();
        return 0;
    }

    /// <summary>This process's CPU time and managed allocations so far (the product's server runs here).</summary>
    internal static Task<SignalREchoScenario.ProcessShare> OwnUsage() =>
        Task.FromResult(new SignalREchoScenario.ProcessShare(
            Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds, GC.GetTotalAllocatedBytes()));

    private static Process Start(Uri hubUri, string accessToken, int connections, int seconds, int payloadLength, string label) =>
        BenchChildProcess.Start(
        [
            Name, "--hub", hubUri.ToString(), "--token", accessToken,
            "--connections", Invariant(connections), "--seconds", Invariant(seconds), "--payload", Invariant(payloadLength), "--label", label,
        ]);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The child's next line, which must start with <paramref name="prefix"/>.</summary>
    private static async Task<string> ExpectAsync(Process process, string prefix)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"the echo client said '{line}' where '{prefix.Trim()}' was expected (its log is above)");
        return line;
    }

    private static SignalREchoScenario.EchoLoad Parse(string line, SignalREchoScenario.ProcessShare server)
    {
        // result calls errors lost seconds cpu allocated max sum buckets
        var parts = line.Split(' ', 8);
        var loop = new LoopResult(
            LatencyRecorder.FromWire(parts[7]),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture),
            double.Parse(parts[4], CultureInfo.InvariantCulture));
        var calls = long.Parse(parts[1], CultureInfo.InvariantCulture);
        var clientCpu = double.Parse(parts[5], CultureInfo.InvariantCulture);
        var clientAllocated = long.Parse(parts[6], CultureInfo.InvariantCulture);
        return new SignalREchoScenario.EchoLoad(loop, calls, clientCpu + server.CpuMicroseconds, clientAllocated + server.AllocatedBytes, server);
    }
}
