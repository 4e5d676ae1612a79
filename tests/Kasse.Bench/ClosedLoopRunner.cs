using System.Diagnostics;

namespace Kasse.Bench;

/// <summary>
/// Runs <c>workers</c> closed loops (each issues its next operation when the previous one returned) for a warm-up
/// and then a measured period. Only operations started inside the measured period count towards throughput and
/// latency; errors and lost replies count over the whole run. Every loop stops by itself: at the end of the period,
/// after <see cref="MaxOperationsPerWorker"/> operations, or when a hung operation is cancelled.
/// </summary>
public static class ClosedLoopRunner
{
    public const long MaxOperationsPerWorker = 100_000_000;
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan HangGrace = TimeSpan.FromSeconds(15);

    /// <summary>One operation: worker index, the worker's iteration number, a token cancelled when the run hangs.
    /// Returns false for a wrong reply (lost), throws for an error.</summary>
    public delegate Task<bool> Operation(int worker, long iteration, CancellationToken cancellationToken);

    public static async Task<LoopResult> RunAsync(string label, int workers, TimeSpan warmUp, TimeSpan measured, Operation operation)
    {
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        using var hang = new CancellationTokenSource(warmUp + measured + HangGrace);
        var states = new WorkerState[workers];
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var state = states[w] = new WorkerState();
            var worker = w;
            tasks[w] = Task.Run(() => RunWorkerAsync(worker, state, operation, measureStart, measureEnd, hang.Token));
        }

        var all = Task.WhenAll(tasks);
        Console.Error.WriteLine($"{label}: {workers} workers, warm-up {warmUp.TotalSeconds:0.#} s, measuring {measured.TotalSeconds:0.#} s");
        long lastTotal = 0;
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1))) != all)
        {
            long total = 0;
            foreach (var s in states)
                total += Volatile.Read(ref s.Completed);
            var phase = Stopwatch.GetTimestamp() < measureStart ? "warm-up" : "measure";
            Console.Error.WriteLine($"{label}: {phase} {Stopwatch.GetElapsedTime(start).TotalSeconds,5:0.0} s  {total - lastTotal,9} ops/s");
            lastTotal = total;
        }
        await all;

        var latency = new LatencyRecorder();
        long errors = 0, lost = 0;
        foreach (var s in states)
        {
            latency.Merge(s.Latency);
            errors += s.Errors;
            lost += s.Lost;
        }
        return new LoopResult(latency, errors, lost, measured.TotalSeconds);
    }

    private static async Task RunWorkerAsync(
        int worker, WorkerState state, Operation operation, long measureStart, long measureEnd, CancellationToken hang)
    {
        for (long i = 0; i < MaxOperationsPerWorker && !hang.IsCancellationRequested; i++)
        {
            var before = Stopwatch.GetTimestamp();
            if (before >= measureEnd)
                break;
            try
            {
                var correct = await operation(worker, i, hang).ConfigureAwait(false);
                if (before >= measureStart)
                    state.Latency.RecordSince(before);
                if (!correct)
                    state.Lost++;
            }
#pragma warning disable CA1031 // any failure of the operation is an error to count, not to crash the run
            catch (Exception)
#pragma warning restore CA1031
            {
                state.Errors++;
                await Task.Delay(ErrorBackoff, CancellationToken.None).ConfigureAwait(false);
            }
            Volatile.Write(ref state.Completed, state.Completed + 1);
        }
    }

    private sealed class WorkerState
    {
        public readonly LatencyRecorder Latency = new();
        public long Completed;
        public long Errors;
        public long Lost;
    }
}

/// <summary>The merged outcome of a closed-loop run.</summary>
public sealed record LoopResult(LatencyRecorder Latency, long Errors, long Lost, double MeasuredSeconds)
{
    /// <summary>The common fields of a closed-loop scenario; the caller adds its own fields after <c>ops</c>.</summary>
    public ScenarioResult ToResult(string scenario, Func<ScenarioResult, ScenarioResult> ownFields) =>
        ownFields(new ScenarioResult(scenario)
        {
            OpsPerSecond = OpsPerSecond,
            P50Milliseconds = Latency.PercentileMilliseconds(50),
            P99Milliseconds = Latency.PercentileMilliseconds(99),
            Errors = Errors,
            Lost = Lost,
        })
            .With("ops", Latency.Count)
            .With("p90_ms", Latency.PercentileMilliseconds(90))
            .With("p999_ms", Latency.PercentileMilliseconds(99.9))
            .With("max_ms", Latency.MaxMilliseconds)
            .With("mean_ms", Latency.MeanMilliseconds);

    public double OpsPerSecond => Latency.Count / MeasuredSeconds;
}
