using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// When this process's threads were stopped for a collection: each pause (the runtime's suspend begin to restart end)
/// with its time, length and the generation collected, so the slow slices of a <see cref="LatencyTimeline"/> can be
/// matched with them. Times are the events' own stamps, relative to when this listener started.
/// </summary>
public sealed class GcPauseTimeline : GcEventListener
{
    private const int RestartEndEventId = 3;
    private const int SuspendBeginEventId = 9;
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly ConcurrentQueue<(double AtSeconds, double Milliseconds, int Depth)> _pauses = new();
    private DateTime _suspendedAt;
    private int _depth = -1;

    protected override EventLevel Level => EventLevel.Informational;

    /// <summary>Seconds from this listener's start to <paramref name="utc"/>.</summary>
    public double SecondsSinceStart(DateTime utc) => (utc - _started).TotalSeconds;

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventId)
        {
            case GcStartEventId when eventData.Payload is { } payload && eventData.PayloadNames is { } names:
                _depth = Convert.ToInt32(payload[names.IndexOf("Depth")], CultureInfo.InvariantCulture);
                break;
            case SuspendBeginEventId:
                _suspendedAt = eventData.TimeStamp;
                _depth = -1;
                break;
            case RestartEndEventId when _suspendedAt != default:
                _pauses.Enqueue((SecondsSinceStart(_suspendedAt), (eventData.TimeStamp - _suspendedAt).TotalMilliseconds, _depth));
                _suspendedAt = default;
                break;
        }
    }

    /// <summary>The pauses that overlap [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>), as "at s: ms (gen)".</summary>
    public string Between(double fromSeconds, double toSeconds) => string.Join(", ", _pauses
        .Where(p => p.AtSeconds + p.Milliseconds / 1000 >= fromSeconds && p.AtSeconds < toSeconds)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.AtSeconds:0.00}s {p.Milliseconds:0.0}ms gen{(p.Depth < 0 ? "?" : p.Depth)}")));

    /// <summary>How many pauses began in the span, and the <paramref name="top"/> longest of them, as in <see cref="Between"/>.</summary>
    public string Summary(double fromSeconds, double toSeconds, int top)
    {
        var inSpan = _pauses.Where(p => p.AtSeconds >= fromSeconds && p.AtSeconds < toSeconds).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{inSpan.Count} pauses, {inSpan.Sum(p => p.Milliseconds):0} ms; longest: ")
            + string.Join(", ", inSpan.OrderByDescending(p => p.Milliseconds).Take(top).Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.AtSeconds - fromSeconds:0.00}s {p.Milliseconds:0.0}ms gen{(p.Depth < 0 ? "?" : p.Depth)}")));
    }

    /// <summary>The longest pause that began in [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>), in ms.</summary>
    public double LongestBetween(double fromSeconds, double toSeconds) => _pauses
        .Where(p => p.AtSeconds >= fromSeconds && p.AtSeconds < toSeconds)
        .Select(p => p.Milliseconds).DefaultIfEmpty(0).Max();
}
