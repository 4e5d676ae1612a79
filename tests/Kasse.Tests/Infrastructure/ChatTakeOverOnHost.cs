using Kasse.Inbox;

namespace Kasse.Tests.Infrastructure;

/// <summary><see cref="ChatTakeOver"/> on an in-process test host (apart, so that the bench can share ChatTakeOver without the host).</summary>
public static class ChatTakeOverOnHost
{
    public static async Task<WorkItemView> TakeOverChatAsync(this KasseTestHost host, string agentId, Guid conversationId)
    {
        using var agent = host.CreateClient(await host.SignInAsync(agentId));
        return await ChatTakeOver.TakeOverAsync(agent, conversationId);
    }
}
