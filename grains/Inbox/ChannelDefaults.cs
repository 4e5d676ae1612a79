using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Priority (1 = most urgent) and service level per channel when neither the intake nor the <c>routing.priority</c>
/// rule set says otherwise: a customer on the phone or in a chat waits for an answer now, a letter-like channel can wait.
/// </summary>
public static class ChannelDefaults
{
    public static int PriorityOf(WorkChannel channel) => channel switch
    {
        WorkChannel.Phone or WorkChannel.Chat => 1,
        WorkChannel.Callback => 2,
        _ => 3,
    };

    public static TimeSpan ServiceLevelOf(WorkChannel channel) => channel switch
    {
        WorkChannel.Phone => TimeSpan.FromMinutes(1),
        WorkChannel.Chat => TimeSpan.FromMinutes(2),
        WorkChannel.Callback => TimeSpan.FromHours(4),
        WorkChannel.Email => TimeSpan.FromDays(1),
        WorkChannel.WorkflowItem => TimeSpan.FromDays(3),
        _ => TimeSpan.FromDays(5),
    };
}
