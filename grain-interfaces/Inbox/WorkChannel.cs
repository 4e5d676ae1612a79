namespace Kasse.Inbox;

/// <summary>The channel a work item came in on; decides its capacity weight and its default priority and SLA.</summary>
public enum WorkChannel
{
    Chat = 0,
    Email = 1,
    FormCase = 2,
    Callback = 3,
    WorkflowItem = 4,
    Phone = 5,
}

/// <summary>The lower-case channel names the routing rule set sees (<c>input.Channel</c>).</summary>
public static class WorkChannelNames
{
    public static string NameOf(WorkChannel channel) => channel switch
    {
        WorkChannel.Chat => "chat",
        WorkChannel.Email => "email",
        WorkChannel.FormCase => "form",
        WorkChannel.Callback => "callback",
        WorkChannel.WorkflowItem => "workflow",
        WorkChannel.Phone => "phone",
        _ => "unknown",
    };
}
