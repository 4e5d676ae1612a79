using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// Why the garbage collector ran and what went to the large object heap, from the runtime's own events in this
/// process: every gen-1/gen-2 collection's trigger (<c>GCStart</c>: depth and reason) and the sampled large-object
/// allocations (<c>GCAllocationTick</c>, about one event per 100 KB allocated, with the type). Gen-2 collections
/// caused by large allocations point at buffers that should be pooled; "small allocation" ones at objects that live
/// long enough to be promoted. Turned on by <c>--gc-causes 1</c>: the allocation ticks cost a little.
/// </summary>
public sealed class GcCauses : GcEventListener
{
    private static readonly string[] ReasonNames =
    [
        "alloc_small", "induced", "low_memory", "empty", "alloc_large", "oos_soh", "oos_loh", "induced_not_forced",
        "internal", "induced_low_memory", "induced_compacting", "low_memory_host", "pm_full", "low_memory_host_blocking",
    ];

    private readonly ConcurrentDictionary<string, int> _collections = new();
    private readonly ConcurrentDictionary<string, long> _largeBytesByType = new();
    private volatile bool _recording = true;

    protected override EventLevel Level => EventLevel.Verbose;

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            return;
        if (eventData.EventId == GcStartEventId)
        {
            var depth = Convert.ToInt32(payload[names.IndexOf("Depth")], CultureInfo.InvariantCulture);
            if (depth == 0)
                return;
            var reason = Convert.ToInt32(payload[names.IndexOf("Reason")], CultureInfo.InvariantCulture);
            var name = reason >= 0 && reason < ReasonNames.Length ? ReasonNames[reason] : reason.ToString(CultureInfo.InvariantCulture);
            _collections.AddOrUpdate($"gen{depth}:{name}", 1, (_, n) => n + 1);
        }
        else if (eventData.EventId == AllocationTickEventId)
        {
            // AllocationKind 1 = large object heap.
            if (Convert.ToInt32(payload[names.IndexOf("AllocationKind")], CultureInfo.InvariantCulture) != 1)
                return;
            var type = payload[names.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            _largeBytesByType.AddOrUpdate(type, amount, (_, n) => n + amount);
        }
    }

    /// <summary>Stops recording (e.g. at the end of the measured window, before the scenario's own checks allocate).</summary>
    public void Stop() => _recording = false;

    /// <summary>Stops recording; adds <c>gc_causes</c> (e.g. <c>gen2:alloc_small=3,gen1:alloc_small=40</c>) and <c>loh_mb_by_type</c> (top five).</summary>
    public ScenarioResult AddTo(ScenarioResult result)
    {
        _recording = false;
        var causes = string.Join(",", _collections.OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}"));
        var large = string.Join(",", _largeBytesByType.OrderByDescending(t => t.Value).Take(5)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}={t.Value / 1048576.0:0.0}")));
        return result.With("gc_causes", causes).With("loh_mb_by_type", large);
    }
}
