using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Clients;
using Kasse.Bench.Scenarios;

namespace Kasse.Bench.Plain;

/// <summary>
/// <see cref="PlainEchoServer"/> in a process of its own (this tool in its hidden <c>plain-echo-server</c> mode).
/// In the product's process the plain hub would be traced and metered by the product's OpenTelemetry listeners, which
/// are process-wide, and would share its garbage collector and thread pool: the reference would carry the product's
/// costs. Line protocol: the child prints <c>ready &lt;hub url&gt;</c>; it answers <c>usage</c> with
/// <c>usage &lt;cpu µs&gt; &lt;allocated bytes&gt;</c> (totals since it started) and stops on <c>exit</c> or when stdin closes.
/// </summary>
public sealed class PlainEchoServerChild : IAsyncDisposable
{
    public const string Name = "plain-echo-server";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;

    private PlainEchoServerChild(Process process, Uri hubUri)
    {
        _process = process;
        HubUri = hubUri;
    }

    public Uri HubUri { get; }

    public static async Task<PlainEchoServerChild> StartAsync()
    {
        var process = BenchChildProcess.Start([Name], redirectStandardInput: true);
        using var timeout = new CancellationTokenSource(StepTimeout);
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"plain echo server did not start: '{line}'");
        }
        return new PlainEchoServerChild(process, new Uri(line["ready ".Length..]));
    }

    /// <summary>The child's CPU time and managed allocations so far.</summary>
    internal async Task<SignalREchoScenario.ProcessShare> UsageAsync()
    {
        await _process.StandardInput.WriteLineAsync("usage");
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        var parts = line?.Split(' ');
        if (parts is not ["usage", var cpu, var allocated])
            throw new InvalidOperationException($"unexpected answer from the plain echo server: '{line}'");
        return new SignalREchoScenario.ProcessShare(
            double.Parse(cpu, CultureInfo.InvariantCulture), long.Parse(allocated, CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await ChildProcessStop.StopAsync(_process, TimeSpan.FromSeconds(30));

    /// <summary>The child's side: serve until told to exit.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        options.EnsureAllRead();
        await using var server = await PlainEchoServer.StartAsync();
        await Console.Out.WriteLineAsync($"ready {server.HubUri}");
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } command && command != "exit")
        {
            if (command != "usage")
                continue;
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"usage {Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds:R} {GC.GetTotalAllocatedBytes()}"));
            await Console.Out.FlushAsync();
        }
        return 0;
    }
}
