using System.Diagnostics;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// Thread-pool starvation seen from inside: every 20 ms a continuation is scheduled on the pool, and how much later than
/// asked it runs is recorded (timer slack plus the queue in front of it). Also the most threads and the longest queue
/// seen. A lag of hundreds of milliseconds means the process as a whole fell behind, whatever grain was involved.
/// </summary>
public sealed class ThreadPoolLagProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private LatencyRecorder _lag = new();
    private readonly Task _loop;
    private int _maxThreads;
    private long _maxQueue;

    private ThreadPoolLagProbe() => _loop = Task.Run(LoopAsync);

    public static ThreadPoolLagProbe Start() => new();

    /// <summary>Forgets what was seen so far (call at the start of the measured period).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _lag = new LatencyRecorder();
            _maxThreads = 0;
            _maxQueue = 0;
        }
    }

    /// <summary>Adds <c>{prefix}_lag_p99_ms</c>, <c>_lag_max_ms</c>, <c>_threads_max</c>, <c>_queue_max</c>.</summary>
    public void AddTo(ScenarioResult result, string prefix)
    {
        lock (_lock)
        {
            result.With($"{prefix}_lag_p99_ms", _lag.PercentileMilliseconds(99))
                .With($"{prefix}_lag_max_ms", _lag.MaxMilliseconds)
                .With($"{prefix}_threads_max", _maxThreads)
                .With($"{prefix}_queue_max", _maxQueue);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var asked = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var late = Stopwatch.GetElapsedTime(asked) - Interval;
            lock (_lock)
            {
                _lag.RecordNanoseconds((long)(late.TotalMilliseconds * 1e6));
                _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
                _maxQueue = Math.Max(_maxQueue, ThreadPool.PendingWorkItemCount);
            }
        }
    }
}
