using System.Globalization;

namespace Kasse.Bench;

/// <summary>
/// What else was going on during a run: the machine's load average (the bench machines are shared) and this
/// process's garbage collections, so an outlier can be told from a regression.
/// </summary>
public sealed class RunEnvironment
{
    private readonly double? _loadAtStart;
    private readonly TimeSpan _gcPauseAtStart;
    private readonly int[] _collectionsAtStart;

    private RunEnvironment()
    {
        _loadAtStart = LoadAverage();
        _gcPauseAtStart = GC.GetTotalPauseDuration();
        _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    }

    public static RunEnvironment Capture() => new();

    /// <summary>Adds <c>load_1m_start</c>, <c>load_1m_end</c> (Linux only), <c>gc_pause_ms</c>, <c>gc_gen0</c>/<c>gc_gen1</c>/<c>gc_gen2</c>.</summary>
    public void AddTo(ScenarioResult result)
    {
        if (_loadAtStart is { } start && LoadAverage() is { } end)
            result.With("load_1m_start", start).With("load_1m_end", end);
        result.With("gc_pause_ms", (GC.GetTotalPauseDuration() - _gcPauseAtStart).TotalMilliseconds)
            .With("gc_gen0", GC.CollectionCount(0) - _collectionsAtStart[0])
            .With("gc_gen1", GC.CollectionCount(1) - _collectionsAtStart[1])
            .With("gc_gen2", GC.CollectionCount(2) - _collectionsAtStart[2]);
    }

    private static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
