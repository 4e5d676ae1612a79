using Kasse.Conversations;
using Kasse.Inbox;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Bench.Clients;

/// <summary>
/// How the bench gets an agent into a customer's chat: the insured starts the chat on their hub connection and the
/// agent takes it through the inbox (available, accepts the offer of the chat's work item — which joins it — and steps
/// away again). The desk is driven through the silo's own grain factory, a set-up shortcut; the chat itself is the
/// product's. One agent is available at a time, so every chat goes to the agent it was meant for.
/// </summary>
public sealed class ChatHandOver(IGrainFactory grains) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1);

    /// <summary>Starts conversation <paramref name="conversationId"/> as the insured and lets <paramref name="agentId"/> take it.</summary>
    public async Task StartAndTakeAsync(HubConnection insured, string agentId, Guid conversationId, string topic, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var desk = grains.GetGrain<IAgentDeskGrain>(agentId);
            await desk.SetPresence(AgentPresence.Available, new AgentRoutingProfile("bench", ["chat"], AgentCapacity.Default));
            await insured.InvokeAsync<ConversationView>("StartConversation", conversationId, topic, null, ct);
            await desk.Accept(await OfferOfAsync(desk, WorkItemKeys.External(WorkChannel.Chat, conversationId.ToString()), ct));
            await desk.SetPresence(AgentPresence.Away, null);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Waits on the desk's long poll until the offer of the item shows; returns its offer id.</summary>
    private static async Task<Guid> OfferOfAsync(IAgentDeskGrain desk, string itemId, CancellationToken ct)
    {
        var view = await desk.GetDesk();
        while (!view.Offers.Any(o => o.ItemId == itemId))
        {
            ct.ThrowIfCancellationRequested();
            view = await desk.WaitForChange(view.Version, TimeSpan.FromSeconds(1));
        }
        return view.Offers.First(o => o.ItemId == itemId).OfferId;
    }
}
