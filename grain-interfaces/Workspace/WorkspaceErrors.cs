namespace Kasse.Workspace;

/// <summary>Stable error codes of the agent workspace.</summary>
public static class WorkspaceErrors
{
    /// <summary>The caller holds no offer or assignment of this item and is no supervisor (403).</summary>
    public const string Forbidden = "WORK_ITEM_FORBIDDEN";

    /// <summary>The queue is not one the caller serves (403).</summary>
    public const string QueueForbidden = "QUEUE_FORBIDDEN";

    /// <summary>A note or canned response that is empty, too long or holds control characters (400).</summary>
    public const string InvalidText = "WORKSPACE_TEXT_INVALID";
}
