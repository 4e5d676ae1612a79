using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Diagnostics;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// Where in the measured window of a <c>chat</c> run the late messages were, and whether a GC pause lines up with them:
/// <c>stalled_slices</c> (100 ms slices with most messages later than <see cref="LateMilliseconds"/>),
/// <c>worst_slice_at_s</c>, <c>worst_slice_late</c>, <c>worst_slice_max_ms</c>, <c>worst_slice_gc_ms</c> (the longest
/// pause from half a second before the slice to its slowest message's arrival); the five worst slices with their
/// pauses and the slowest message per second go to stderr.
/// </summary>
public sealed class ChatStalls : IDisposable
{
    /// <summary>Later than this is late: the p99 target.</summary>
    public const double LateMilliseconds = 20;

    private readonly GcPauseTimeline _pauses = new();
    private LatencyTimeline? _timeline;
    private double _windowStartInPauseSeconds;

    /// <summary>When the window began (UTC), to match the slices with logs of other processes.</summary>
    public DateTime WindowStartUtc { get; private set; }

    /// <summary>Starts the timeline of a window that begins at <paramref name="start"/> (a Stopwatch timestamp).</summary>
    public LatencyTimeline Open(long start, int seconds)
    {
        _windowStartInPauseSeconds = _pauses.SecondsSinceStart(DateTime.UtcNow)
            + (start - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
        WindowStartUtc = PostgresActivityLog.UtcOf(start);
        return _timeline = new LatencyTimeline(start, seconds, LateMilliseconds);
    }

    /// <summary>
    /// For each event (seconds into the window, e.g. a new WAL segment, which shows when its creation has ended): the
    /// messages sent in the half second up to it, how many were late, and the slowest, on stderr.
    /// </summary>
    public void ReportAround(string name, string what, IEnumerable<double> offsets)
    {
        if (_timeline is null)
            return;
        foreach (var at in offsets)
        {
            var (messages, late, max) = _timeline.Around(at, 0.5);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {what} at {at:0.00} s: {late} of {messages} sent in the 0.5 s before late, slowest {max:0} ms"));
        }
    }

    public ScenarioResult AddTo(ScenarioResult result, string name)
    {
        if (_timeline is null)
            return result;
        Console.Error.WriteLine($"{name}: the window began at {WindowStartUtc:HH:mm:ss.fff} UTC");
        var worst = _timeline.Worst(5);
        foreach (var (at, messages, late, max) in worst)
        {
            var (from, to) = PauseRange(at, max);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: slice at {at:0.0} s: {late} of {messages} late, slowest {max:0} ms; GC pauses: {_pauses.Between(from, to)}"));
        }
        Console.Error.WriteLine($"{name}: slowest ms per second of the window: {_timeline.PerSecondMaxima()}");
        Console.Error.WriteLine($"{name}: GC pauses in the window (seconds into it): {_pauses.Summary(_windowStartInPauseSeconds, _windowStartInPauseSeconds + _timeline.Seconds, 5)}");
        result.With("stalled_slices", _timeline.StalledSlices);
        if (worst.Count == 0)
            return result;
        var first = worst[0];
        var (start, end) = PauseRange(first.AtSeconds, first.MaxMilliseconds);
        return result
            .With("worst_slice_at_s", first.AtSeconds)
            .With("worst_slice_late", first.Late)
            .With("worst_slice_max_ms", Math.Round(first.MaxMilliseconds, 1))
            .With("worst_slice_gc_ms", Math.Round(_pauses.LongestBetween(start, end), 1));
    }

    // A pause that delays a message sent in the slice begins between a little before the send and its arrival.
    private (double From, double To) PauseRange(double atSeconds, double maxMilliseconds) =>
        (_windowStartInPauseSeconds + atSeconds - 0.5, _windowStartInPauseSeconds + atSeconds + 0.1 + maxMilliseconds / 1000);

    public void Dispose() => _pauses.Dispose();
}
