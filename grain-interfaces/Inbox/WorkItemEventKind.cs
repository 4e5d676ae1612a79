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
    /// The assigned agent handed the item on (to a colleague or a team; <see cref="WorkItemEvent.Detail"/> holds the target
    /// and the note): the assignment of <see cref="WorkItemEvent.AgentId"/> ends.
    /// </summary>
    Transferred = 40,

    /// <summary>The assigned agent put the item on hold; it keeps the item and its capacity.</summary>
    PutOnHold = 41,

    /// <summary>The item is back from hold, in the status it had before.</summary>
    Resumed = 42,

    /// <summary>
    /// A supervisor moved the item; when it was offered or assigned, that offer or assignment of
    /// <see cref="WorkItemEvent.AgentId"/> ends.
    /// </summary>
    Reassigned = 43,

    /// <summary>The SLA deadline is near (the warning lead passed).</summary>
    SlaWarning = 44,

    /// <summary>The SLA deadline passed: the priority went up one step and supervisors see the item as escalated.</summary>
    Escalated = 45,

    /// <summary>The current routing target's time ran out (or its reserved agent declined): the item moves to the next target.</summary>
    TargetTimedOut = 46,
}
