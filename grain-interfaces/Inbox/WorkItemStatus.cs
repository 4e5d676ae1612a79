namespace Kasse.Inbox;

/// <summary>Where a work item stands. Only the work item grain changes it.</summary>
public enum WorkItemStatus
{
    /// <summary>Waiting in a queue for an agent.</summary>
    Queued = 0,

    /// <summary>Reserved for one agent who has not yet accepted (the offer expires).</summary>
    Offered = 1,

    /// <summary>Accepted by exactly one agent.</summary>
    Assigned = 2,

    InProgress = 3,
    WaitingForCustomer = 4,
    OnHold = 5,

    /// <summary>Wrapped up by the agent; final.</summary>
    Done = 6,

    Escalated = 7,

    /// <summary>Given up (for example the customer left before anyone took it); final.</summary>
    Abandoned = 8,
}
