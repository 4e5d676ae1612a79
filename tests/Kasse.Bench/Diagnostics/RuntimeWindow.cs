using System.Runtime;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// What the runtime did inside one window of a run (e.g. the measured period after a warm-up): methods the JIT
/// compiled and its time (tiered compilation and dynamic PGO re-compile hot methods for the first tens of seconds), GC
/// pauses and collections, and work items the thread pool ran.
/// </summary>
public sealed class RuntimeWindow
{
    private readonly long _jitMethods = JitInfo.GetCompiledMethodCount();
    private readonly TimeSpan _jitTime = JitInfo.GetCompilationTime();
    private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly long _workItems = ThreadPool.CompletedWorkItemCount;
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly long _started = Environment.TickCount64;
    private Func<ScenarioResult, string, ScenarioResult>? _stopped;

    public static RuntimeWindow Start() => new();

    /// <summary>Ends the window: what happens afterwards is not counted.</summary>
    public void Stop()
    {
        var seconds = Math.Max(0.001, (Environment.TickCount64 - _started) / 1000.0);
        var jitMethods = JitInfo.GetCompiledMethodCount() - _jitMethods;
        var jitMilliseconds = (JitInfo.GetCompilationTime() - _jitTime).TotalMilliseconds;
        var gcPauseMilliseconds = (GC.GetTotalPauseDuration() - _gcPause).TotalMilliseconds;
        GcPauseMilliseconds = gcPauseMilliseconds;
        int[] collections = [GC.CollectionCount(0) - _collections[0], GC.CollectionCount(1) - _collections[1], GC.CollectionCount(2) - _collections[2]];
        var workItemsPerSecond = (ThreadPool.CompletedWorkItemCount - _workItems) / seconds;
        AllocatedBytes = GC.GetTotalAllocatedBytes() - _allocated;
        var allocatedMegabytes = AllocatedBytes / (1024.0 * 1024.0);
        _stopped = (result, prefix) => result.With($"{prefix}_jit_methods", jitMethods)
            .With($"{prefix}_jit_ms", jitMilliseconds)
            .With($"{prefix}_gc_pause_ms", gcPauseMilliseconds)
            .With($"{prefix}_gc_gen0", collections[0])
            .With($"{prefix}_gc_gen1", collections[1])
            .With($"{prefix}_gc_gen2", collections[2])
            .With($"{prefix}_work_items_per_s", workItemsPerSecond)
            .With($"{prefix}_alloc_mb", allocatedMegabytes);
    }

    /// <summary>Milliseconds the GC paused the process in the window (set by <see cref="Stop"/>).</summary>
    public double GcPauseMilliseconds { get; private set; }

    /// <summary>Bytes allocated on the managed heap in the window, by every thread (set by <see cref="Stop"/>).</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Adds <c>{prefix}_jit_methods</c>, <c>_jit_ms</c>, <c>_gc_pause_ms</c>, <c>_gc_gen0/1/2</c>, <c>_work_items_per_s</c>, <c>_alloc_mb</c>.</summary>
    public ScenarioResult AddTo(ScenarioResult result, string prefix)
    {
        if (_stopped is null)
            Stop();
        return _stopped!(result, prefix);
    }
}
