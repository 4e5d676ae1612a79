using System.Diagnostics;
using Kasse.Bench.Diagnostics;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// What the process and the runtime did in the measured window of a <c>chat</c> run: CPU (this process and
/// PostgreSQL), GC pauses, collections per generation, bytes allocated and bytes promoted. Per message these hardly
/// depend on what else runs on the machine, so a change on the message path can be judged on a busy one, where p99 cannot.
/// </summary>
/// <param name="postmaster">The PostgreSQL server whose CPU is counted too (null: none).</param>
/// <param name="promotions">Counts what survives collections in the window.</param>
/// <param name="announce">Told the window's start and end as it opens; a chat client child passes them to the server's process.</param>
public sealed class ChatWindow(int? postmaster, GcPromotions promotions, Action<long, long>? announce = null)
{
    private CpuWindow? _cpu;
    private RuntimeWindow? _runtime;

    /// <summary>Opens the window at <paramref name="start"/> and closes it at <paramref name="end"/> (Stopwatch timestamps).</summary>
    public async Task CoverAsync(long start, long end)
    {
        announce?.Invoke(start, end);
        await Task.Delay(Until(start));
        _cpu = CpuWindow.Start(postmaster);
        _runtime = RuntimeWindow.Start();
        promotions.Start();
        await Task.Delay(Until(end));
        promotions.Stop();
        _runtime.Stop();
        _cpu.Stop();
    }

    private static TimeSpan Until(long timestamp) =>
        TimeSpan.FromSeconds(Math.Max(0, timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    /// <summary>
    /// Adds <c>gc_pause_percent</c> (of the window), <c>window_*</c> (see <see cref="RuntimeWindow"/>), CPU per message,
    /// <c>alloc_kb_per_msg</c> and <c>promoted_gen1_mb</c>, <c>promoted_gen2_mb</c>, <c>promoted_gen2_b_per_msg</c>.
    /// Allocation counts both ends (server and the bench's clients run in one process).
    /// </summary>
    public ScenarioResult AddTo(ScenarioResult result, long messages, int seconds)
    {
        if (_runtime is null || _cpu is null)
            return result;
        messages = Math.Max(1, messages);
        _runtime.AddTo(result, "window");
        _cpu.AddTo(result, messages / (double)seconds);
        return result
            .With("gc_pause_percent", Math.Round(_runtime.GcPauseMilliseconds / (10.0 * seconds), 2))
            .With("alloc_kb_per_msg", Math.Round(_runtime.AllocatedBytes / 1024.0 / messages, 2))
            .With("promoted_gen1_mb", Math.Round(promotions.PromotedIntoGen1 / 1048576.0, 1))
            .With("promoted_gen2_mb", Math.Round(promotions.PromotedIntoGen2 / 1048576.0, 1))
            .With("promoted_gen2_b_per_msg", Math.Round(promotions.PromotedIntoGen2 / (double)messages));
    }
}

/// <summary>Adds the measured window's figures to a chat result.</summary>
public static class ChatWindowResult
{
    public static ScenarioResult WithMeasuredWindow(this ScenarioResult result, ChatWindow window, long messages, int seconds) =>
        window.AddTo(result, messages, seconds);
}
