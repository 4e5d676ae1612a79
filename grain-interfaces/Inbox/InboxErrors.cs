namespace Kasse.Inbox;

/// <summary>Stable error codes of the inbox.</summary>
public static class InboxErrors
{
    /// <summary>No such work item (404).</summary>
    public const string NotFound = "WORK_ITEM_NOT_FOUND";

    /// <summary>The request does not describe a valid work item (400).</summary>
    public const string Invalid = "WORK_ITEM_INVALID";

    /// <summary>The offer is not (or no longer) yours: declined, expired or taken (409).</summary>
    public const string OfferGone = "OFFER_GONE";

    /// <summary>The item is not assigned to you (409).</summary>
    public const string NotAssigned = "WORK_ITEM_NOT_ASSIGNED";

    /// <summary>The transfer's target agent or team is unknown (422).</summary>
    public const string TargetUnknown = "TRANSFER_TARGET_UNKNOWN";

    /// <summary>A transfer or reassignment to the agent who holds the item already (400).</summary>
    public const string TransferToSelf = "TRANSFER_TO_SELF";

    /// <summary>The item is done (or abandoned) and cannot be moved or put on hold (409).</summary>
    public const string AlreadyDone = "WORK_ITEM_DONE";

    /// <summary>A concurrent write won; the call may be retried (503).</summary>
    public const string Retry = "INBOX_RETRY";
}
