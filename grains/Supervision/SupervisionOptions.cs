namespace Kasse.Grains.Supervision;

/// <summary>Timings of the supervisor view. One instance per silo.</summary>
public sealed record SupervisionOptions
{
    /// <summary>How often a silo publishes what changed (at most one batch per silo per interval).</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a queue looks whether its summary changed (at most one summary per queue per interval).</summary>
    public TimeSpan QueueSummaryInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the feed re-reads every snapshot anyway (a lost event nobody noticed is mended by then).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a supervisor gets pushes after its last <c>Watch</c> (clients renew well before).</summary>
    public TimeSpan WatchLease { get; init; } = TimeSpan.FromMinutes(2);
}
