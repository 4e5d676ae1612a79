using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// Which types a run allocates most: the runtime reports a sample about every 100 KB allocated (GCAllocationTick, with
/// the type of the object that crossed the mark), so the samples' shares by type approximate the allocated bytes' shares.
/// A hint for where a scenario's allocations come from, without a profiler; printed on stderr.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            return;
        var names = eventData.PayloadNames!;
        var type = names.IndexOf("TypeName") is >= 0 and var t ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, n) => n + amount);
    }

    /// <summary>The <paramref name="top"/> types by sampled bytes with their share, one per line.</summary>
    public string Report(int top)
    {
        var all = _bytesByType.ToArray();
        var total = Math.Max(1, all.Sum(p => p.Value));
        return string.Join('\n', all.OrderByDescending(p => p.Value).Take(top)
            .Select(p => $"{100.0 * p.Value / total,5:0.0} %  {p.Key}"));
    }
}
