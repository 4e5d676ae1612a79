using System.Diagnostics.Tracing;
using System.Globalization;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// How many bytes survived each collection, from the runtime's <c>GCHeapStats</c> events in this process: what gen-0
/// collections promoted into gen 1, and what gen-1 (and deeper) collections promoted into gen 2. Objects that reach
/// gen 2 and then die are what makes gen-2 collections (and long gen-1 pauses) necessary; a message path that keeps
/// nothing beyond its own call promotes almost nothing. Informational level only, so it costs next to nothing.
/// </summary>
public sealed class GcPromotions : GcEventListener
{
    private int _depth;
    private long _intoGen1, _intoGen2, _collections;
    private volatile bool _recording;

    protected override EventLevel Level => EventLevel.Informational;

    /// <summary>Starts counting (e.g. at the start of the measured window).</summary>
    public void Start() => _recording = true;

    /// <summary>Stops counting.</summary>
    public void Stop() => _recording = false;

    /// <summary>Collections counted (their events arrive a little after the collection).</summary>
    public long Collections => Interlocked.Read(ref _collections);

    /// <summary>Bytes gen-0 collections promoted into gen 1 while counting.</summary>
    public long PromotedIntoGen1 => Interlocked.Read(ref _intoGen1);

    /// <summary>Bytes gen-1 and gen-2 collections promoted into gen 2 while counting.</summary>
    public long PromotedIntoGen2 => Interlocked.Read(ref _intoGen2);

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            return;
        if (eventData.EventId == GcStartEventId)
        {
            _depth = Convert.ToInt32(payload[names.IndexOf("Depth")], CultureInfo.InvariantCulture);
            return;
        }
        if (eventData.EventId != HeapStatsEventId || !_recording)
            return;
        Interlocked.Increment(ref _collections);
        // The sizes promoted out of the generations this collection condemned; gen 1 is condemned only from depth 1.
        Interlocked.Add(ref _intoGen1, Convert.ToInt64(payload[names.IndexOf("TotalPromotedSize0")], CultureInfo.InvariantCulture));
        if (_depth >= 1)
            Interlocked.Add(ref _intoGen2, Convert.ToInt64(payload[names.IndexOf("TotalPromotedSize1")], CultureInfo.InvariantCulture));
    }
}
