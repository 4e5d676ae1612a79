using System.Diagnostics.Tracing;

namespace Kasse.Bench.Diagnostics;

/// <summary>Listens in-process to the runtime's GC events (keyword GC) at the level a subclass needs.</summary>
public abstract class GcEventListener : EventListener
{
    protected const int GcStartEventId = 1;
    protected const int HeapStatsEventId = 4;
    protected const int AllocationTickEventId = 10;
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    /// <summary>Informational brings collections and heap statistics; Verbose adds the allocation ticks, which cost a little.</summary>
    protected abstract EventLevel Level { get; }

    // Called from the base constructor too: Level must not depend on the subclass's fields.
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
            EnableEvents(eventSource, Level, GcKeyword);
    }
}
