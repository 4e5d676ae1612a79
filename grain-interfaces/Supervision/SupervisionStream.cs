namespace Kasse.Supervision;

/// <summary>
/// Where queues and agent desks publish what a supervisor sees: one Orleans stream (memory stream provider, not
/// durable), consumed by <see cref="ISupervisorFeedGrain"/> through an implicit subscription. A lost event is recovered
/// from the grains' own snapshots (see docs/routing.md, "Supervisor feed").
/// </summary>
public static class SupervisionStream
{
    /// <summary>The name of the stream provider (memory streams) on every silo.</summary>
    public const string Provider = "inbox-supervision";

    /// <summary>The stream namespace; the feed grain subscribes to it implicitly.</summary>
    public const string Namespace = "inbox-supervision";

    /// <summary>The one stream's key, and so the key of the one feed grain.</summary>
    public const string Key = "all";

    /// <summary>The pub-sub store (explicit subscriptions): ADO.NET on PostgreSQL when configured, memory otherwise.</summary>
    public const string PubSubStore = "PubSubStore";
}
