namespace Kasse.Grains.Supervision;

/// <summary>
/// What the feed stores: the names of the queues and agents it has heard of, so a new activation knows whose
/// snapshots to read. The summaries themselves are never stored; the queues and desks own them.
/// </summary>
[GenerateSerializer, Alias("Kasse.Grains.Supervision.SupervisorFeedState")]
public sealed class SupervisorFeedState
{
    [Id(0)] public HashSet<string> Queues { get; set; } = [];
    [Id(1)] public HashSet<string> Agents { get; set; } = [];
}
