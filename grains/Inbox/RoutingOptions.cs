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
    /// How long an item transferred (or reassigned) to a named colleague stays reserved for that colleague when they
    /// are not free to take it; then, as after their decline or an expired offer, it goes back to its own queue.
    /// </summary>
    public TimeSpan TransferWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long before the SLA deadline the warning comes, as a share of the item's whole SLA span (0.2 = the last fifth).</summary>
    public double SlaWarningShare { get; init; } = 0.2;

    /// <summary>
    /// The period of an item's durable wake-up reminder once its first due time passed (Orleans' minimum is one minute).
    /// The exact timing comes from a grain timer re-armed from the stored deadlines; the reminder only brings back an
    /// item whose activation was lost (silo died, deactivated).
    /// </summary>
    public TimeSpan ReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);
}
