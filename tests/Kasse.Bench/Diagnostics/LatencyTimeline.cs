using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// Latency over time in the measured window: per 100 ms slice (by send time) the messages, those slower than a
/// threshold, and the slowest. A tail that comes from a stall of everything shows as a few slices where most messages
/// are late; its time can then be set beside the GC pauses (<see cref="GcPauseTimeline"/>) and the server's periodic work.
/// </summary>
public sealed class LatencyTimeline(long start, int seconds, double lateMilliseconds)
{
    private const int SlicesPerSecond = 10;
    private readonly int[] _count = new int[seconds * SlicesPerSecond];
    private readonly int[] _late = new int[seconds * SlicesPerSecond];
    private readonly long[] _maxTicks = new long[seconds * SlicesPerSecond];
    private readonly long _lateTicks = (long)(lateMilliseconds * Stopwatch.Frequency / 1000);

    public long Start => start;

    public int Seconds => seconds;

    public void Record(long sentAt, long ticks)
    {
        var slice = (sentAt - start) * SlicesPerSecond / Stopwatch.Frequency;
        if (slice < 0 || slice >= _count.Length)
            return;
        Interlocked.Increment(ref _count[slice]);
        if (ticks > _lateTicks)
            Interlocked.Increment(ref _late[slice]);
        var max = Volatile.Read(ref _maxTicks[slice]);
        while (ticks > max && Interlocked.CompareExchange(ref _maxTicks[slice], ticks, max) is var seen && seen != max)
            max = seen;
    }

    /// <summary>The slices with the most late messages, worst first: (seconds into the window, messages, late, slowest ms).</summary>
    public IReadOnlyList<(double AtSeconds, int Messages, int Late, double MaxMilliseconds)> Worst(int top) =>
        Enumerable.Range(0, _count.Length)
            .Where(i => _late[i] > 0)
            .OrderByDescending(i => _late[i]).ThenByDescending(i => _maxTicks[i])
            .Take(top)
            .Select(i => ((double)i / SlicesPerSecond, _count[i], _late[i], _maxTicks[i] * 1000.0 / Stopwatch.Frequency))
            .ToList();

    /// <summary>How many 100 ms slices had more than half of their messages late (a stall, not a few slow messages).</summary>
    public int StalledSlices => Enumerable.Range(0, _count.Length).Count(i => _count[i] > 0 && 2 * _late[i] > _count[i]);

    /// <summary>
    /// The slowest message (ms) and the late ones among all of the slices from <paramref name="beforeSeconds"/> before
    /// to the slice of <paramref name="atSeconds"/> (seconds into the window), to set beside one event there.
    /// </summary>
    public (int Messages, int Late, double MaxMilliseconds) Around(double atSeconds, double beforeSeconds)
    {
        var (messages, late, max) = (0, 0, 0L);
        var last = Math.Min(_count.Length - 1, (int)(atSeconds * SlicesPerSecond));
        for (var i = Math.Max(0, (int)((atSeconds - beforeSeconds) * SlicesPerSecond)); i <= last; i++)
            (messages, late, max) = (messages + _count[i], late + _late[i], Math.Max(max, _maxTicks[i]));
        return (messages, late, max * 1000.0 / Stopwatch.Frequency);
    }

    /// <summary>One line per second: the slowest message sent in it (ms), to set beside periodic work.</summary>
    public string PerSecondMaxima()
    {
        var line = new StringBuilder();
        for (var s = 0; s * SlicesPerSecond < _maxTicks.Length; s++)
        {
            var max = 0L;
            for (var i = s * SlicesPerSecond; i < (s + 1) * SlicesPerSecond; i++)
                max = Math.Max(max, _maxTicks[i]);
            line.Append(CultureInfo.InvariantCulture, $"{max * 1000 / Stopwatch.Frequency} ");
        }
        return line.ToString().TrimEnd();
    }
}
