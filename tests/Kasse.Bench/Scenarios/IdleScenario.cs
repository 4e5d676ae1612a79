using System.Diagnostics;
using Kasse.Bench.Clients;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Plain;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>idle</c>: what the product's server spends with no client at all — the silo's timers, pollers, stream pulling
/// agents, metric collection, and the thread-pool spinning each wake-up costs — against a bare SignalR hub in a child
/// process over the same span (<c>plain_idle_cpu_ms_per_s</c>). The server first idles through <c>--warmup</c> seconds,
/// so that the tier-up JIT of methods run once a second is over before the window. <c>--server-settings</c> passes
/// <c>Key=Value;Key=Value</c> to the server, to weigh one background source by switching it off.
/// </summary>
public static class IdleScenario
{
    public const string Name = "idle";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var warmup = options.Int("warmup", 60, 0, 600);
        var seconds = options.Int("seconds", 20, 1, 600);
        var settings = options.Has("server-settings")
            ? options.String("server-settings").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        options.EnsureAllRead();

        await using var server = await InProcessServer.StartAsync(settings);
        await using var plain = await PlainEchoServerChild.StartAsync();
        Console.Error.WriteLine($"idle: {warmup} s warm-up, then {seconds} s measured");
        await Task.Delay(TimeSpan.FromSeconds(warmup));

        var window = RuntimeWindow.Start();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var switches = ContextSwitches();
        var own = await EchoClientChild.OwnUsage();
        var plainBefore = await plain.UsageAsync();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var plainAfter = await plain.UsageAsync();
        var ownAfter = await EchoClientChild.OwnUsage();
        var elapsed = clock.Elapsed.TotalSeconds;
        var switchesPerSecond = (ContextSwitches() - switches) / elapsed;
        var jitMillisecondsPerSecond = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds / elapsed;
        window.Stop();

        var result = new ScenarioResult(Name)
            .With("warmup_s", warmup)
            .With("seconds", elapsed)
            .With("server_settings", string.Join(';', settings))
            .With("idle_cpu_ms_per_s", (ownAfter.CpuMicroseconds - own.CpuMicroseconds) / 1000 / elapsed)
            // Methods run once every few seconds are still tiered up minutes after the start: that JIT ends, the rest stays.
            .With("idle_cpu_less_jit_ms_per_s", (ownAfter.CpuMicroseconds - own.CpuMicroseconds) / 1000 / elapsed - jitMillisecondsPerSecond)
            .With("plain_idle_cpu_ms_per_s", (plainAfter.CpuMicroseconds - plainBefore.CpuMicroseconds) / 1000 / elapsed)
            .With("idle_alloc_kb_per_s", (ownAfter.AllocatedBytes - own.AllocatedBytes) / 1024.0 / elapsed)
            .With("plain_idle_alloc_kb_per_s", (plainAfter.AllocatedBytes - plainBefore.AllocatedBytes) / 1024.0 / elapsed)
            .With("context_switches_per_s", switchesPerSecond)
            .With("timers", Timer.ActiveCount)
            .With("thread_pool_threads", ThreadPool.ThreadCount)
            .With("threads", Process.GetCurrentProcess().Threads.Count);
        return window.AddTo(result, "window");
    }

    /// <summary>Voluntary and involuntary context switches of every thread of this process so far (Linux; 0 elsewhere).</summary>
    private static long ContextSwitches()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
            return 0;
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.Contains("ctxt_switches:", StringComparison.Ordinal))
                        total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the thread ended while it was read
            }
        }
        return total;
    }
}
