using System.Collections.Concurrent;
using Kasse.Gateway;
using Kasse.Inbox;
using Kasse.Tests.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Waiting;

/// <summary>
/// An insured person waiting for a chat hears their place in line over the customer hub (<c>queuePosition</c>), live
/// as the items ahead are assigned, and can ask for it after a reconnect — their own chat only. A host of its own, so no
/// chat of another test waits ahead of these.
/// </summary>
public sealed class QueuePositionHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string Insured = "Z987654321";

    private KasseTestHost Host { get; set; } = null!;

    public async Task InitializeAsync() => Host = await KasseTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Waiting_insured_hears_the_position_move_up_when_items_ahead_are_assigned()
    {
        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var notices = new ConcurrentQueue<QueuePositionNotice>();
        await using var insured = Host.CreateHubConnection(CustomerHub.Path, await Host.SignInAsync(Insured));
        insured.On<QueuePositionNotice>("queuePosition", notices.Enqueue);
        await insured.StartAsync();

        // Three chats of the same insured, started in the portal, wait in the chat queue; nobody serves it yet.
        var chats = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var chat in chats)
            await StartChat(insured, chat);
        await Until(notices, chats[0], 1);
        await Until(notices, chats[1], 2);
        var third = await Until(notices, chats[2], 3);
        Assert.True(third.Exact);
        Assert.Null(third.EstimatedWaitSeconds); // no assignment seen yet: unknown, not invented

        // An agent takes the first: the others move up, the first is out of line.
        var desk = grains.GetGrain<IAgentDeskGrain>("agent-" + Guid.NewGuid().ToString("N"));
        await desk.SetPresence(AgentPresence.Available, new AgentRoutingProfile(null, ["chat"], new AgentCapacity(4, new Dictionary<WorkChannel, int> { [WorkChannel.Chat] = 4 })));
        var offer = await desk.OfferOfAsync(ItemId(chats[0]), Timeout);
        await desk.Accept(offer.OfferId);
        await Until(notices, chats[0], 0);
        await Until(notices, chats[1], 1);
        await Until(notices, chats[2], 2);

        // A client that connects now asks once and sees the same.
        var asked = await insured.InvokeAsync<QueuePositionNotice?>(nameof(CustomerHub.GetQueuePosition), chats[2]);
        Assert.Equal((chats[2], 2), (asked!.ConversationId, asked.Position));
    }

    [Fact]
    public async Task Another_insured_cannot_read_the_position_of_a_chat_that_is_not_theirs()
    {
        var chat = Guid.NewGuid();
        await using var owner = Host.CreateHubConnection(CustomerHub.Path, await Host.SignInAsync(Insured));
        await using var other = Host.CreateHubConnection(CustomerHub.Path, await Host.SignInAsync("A123456780"));
        await owner.StartAsync();
        await other.StartAsync();
        await StartChat(owner, chat);

        Assert.Equal(1, (await owner.InvokeAsync<QueuePositionNotice?>(nameof(CustomerHub.GetQueuePosition), chat))!.Position);
        var refused = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<QueuePositionNotice?>(nameof(CustomerHub.GetQueuePosition), chat));
        Assert.Equal("CONVERSATION_FORBIDDEN", refused.Code());
        Assert.Null(await owner.InvokeAsync<QueuePositionNotice?>(nameof(CustomerHub.GetQueuePosition), Guid.NewGuid()));
    }

    private static string ItemId(Guid chat) => WorkItemKeys.External(WorkChannel.Chat, chat.ToString());

    /// <summary>Starts a chat as the portal does; its work item is watched by its insured.</summary>
    private static Task StartChat(HubConnection insured, Guid chat) =>
        insured.InvokeAsync<Kasse.Conversations.ConversationView>(nameof(CustomerHub.StartConversation), chat, "Beiträge", null);

    /// <summary>The newest notice of the chat, once it shows <paramref name="position"/>.</summary>
    private static async Task<QueuePositionNotice> Until(ConcurrentQueue<QueuePositionNotice> notices, Guid chat, int position) =>
        (await Eventually.ReturnsAsync(
            () => Task.FromResult(notices.LastOrDefault(n => n.ConversationId == chat)),
            n => n?.Position == position, Timeout, $"position {position} of {chat}"))!;
}
