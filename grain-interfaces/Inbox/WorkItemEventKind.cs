namespace Kasse.Inbox;

/// <summary>What happened to a work item; one row of <c>work_item_events</c> each.</summary>
public enum WorkItemEventKind
{
    Created = 0,

    /// <summary>Waiting in <see cref="WorkItemEvent.Queue"/> (after creation, a decline or an expiry).</summary>
    Queued = 1,

    /// <summary>Reserved for an agent: counts <see cref="WorkItemEvent.Weight"/> against the agent's budget.</summary>
    Offered = 2,

    /// <summary>The agent declined; the reservation ends.</summary>
    OfferDeclined = 3,

    /// <summary>Nobody answered in time; the reservation ends.</summary>
    OfferExpired = 4,

    /// <summary>The agent accepted: the reservation becomes the assignment (the load stays).</summary>
    Assigned = 5,

    /// <summary>Wrapped up; the assignment ends.</summary>
    Completed = 6,

    /// <summary>A further message (an e-mail reply) was threaded into the item.</summary>
    MessageAdded = 7,

    /// <summary>
    /// The assigned agent went offline (no connection for the grace period) and the chat went back to its queue: the
    /// assignment ends (<see cref="WorkItemEvent.AgentId"/> is the agent who had it, the weight is freed) and a
    /// <see cref="Queued"/> follows.
    /// </summary>
    ReturnedToQueue = 30,
}
