namespace Kasse.Grains.Inbox;

/// <summary>Timings of routing. One instance per silo; every silo of a cluster should use the same values.</summary>
public sealed record RoutingOptions
{
    /// <summary>How long an offer waits for accept or decline before it moves on.</summary>
    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allowance for clocks of different silos: an item refuses an offer that arrives later than its expiry minus this,
    /// and reports an unknown offer gone only after its expiry; agents and queues check on stuck offers this long after expiry.
    /// </summary>
    public TimeSpan ClockAllowance { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often agents re-announce themselves to their queues (a restarted queue learns them again).</summary>
    public TimeSpan AnnounceInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a waiting item tells its queue again that it waits (a lease): a queue activation that lost the item
    /// (its silo died, or it was a short-lived duplicate) learns it again within this time.
    /// </summary>
    public TimeSpan RequeueInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often queues and agents look for offers that outlived their expiry (a silo died mid-offer).</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an agent with no client connection left stays present before it becomes offline (a reload or a short
    /// network loss must not hand its chats to someone else); its chats then go back to the queue.
    /// </summary>
    public TimeSpan PresenceGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a desk with connections or a pending grace checks it (and whether its gateways are still alive).</summary>
    public TimeSpan PresenceCheckInterval { get; init; } = TimeSpan.FromSeconds(5);
}
