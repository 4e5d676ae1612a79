using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Inbox;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// An agent takes over a chat the way the product allows it: through the inbox, never by typing the conversation's
/// number. The agent becomes available, accepts the offer of the chat's work item (which joins it to the conversation),
/// wraps the item up again so its capacity stays free for later tests on a shared host, and steps away. Chats of earlier
/// tests on the same host that are offered first are accepted and wrapped up on the way (the queue is oldest first).
/// </summary>
public static class ChatTakeOver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Takes over with <paramref name="agent"/>, an HTTP client signed in as the agent.</summary>
    public static async Task<WorkItemView> TakeOverAsync(HttpClient agent, Guid conversationId)
    {
        var itemId = WorkItemKeys.External(WorkChannel.Chat, conversationId.ToString());
        var timeout = TestTimeouts.ForEvent(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + timeout;
        var desk = await ReadAsync<AgentDeskView>(await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }, Json));
        try
        {
            while (true)
            {
                foreach (var offer in desk.Offers)
                {
                    if (await AcceptAsync(agent, offer.OfferId) is not { } item)
                        continue; // expired meanwhile: it comes back
                    await CompleteAsync(agent, offer.ItemId);
                    if (offer.ItemId == itemId)
                        return item;
                }
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the offer of {itemId} did not reach the agent within {timeout}");
                desk = await ReadAsync<AgentDeskView>(await agent.GetAsync($"/api/agent/desk?known={desk.Version}&waitSeconds=2"));
            }
        }
        finally
        {
            (await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Away" }, Json)).Dispose();
        }
    }

    /// <summary>Makes the agent available and waits until the offer of the chat shows on its desk (on a host of its own).</summary>
    public static async Task<AgentOffer> OfferOfAsync(HttpClient agent, Guid conversationId)
    {
        var itemId = WorkItemKeys.External(WorkChannel.Chat, conversationId.ToString());
        var timeout = TestTimeouts.ForEvent(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + timeout;
        var desk = await ReadAsync<AgentDeskView>(await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }, Json));
        while (!desk.Offers.Any(o => o.ItemId == itemId))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the offer of {itemId} did not reach the agent within {timeout}");
            desk = await ReadAsync<AgentDeskView>(await agent.GetAsync($"/api/agent/desk?known={desk.Version}&waitSeconds=2"));
        }
        return desk.Offers.First(o => o.ItemId == itemId);
    }

    /// <summary>Accepts as a client does: a failure other than "gone" (409) is retried, which is safe (idempotent).</summary>
    private static async Task<WorkItemView?> AcceptAsync(HttpClient agent, Guid offerId)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await agent.PostAsync($"/api/agent/offers/{offerId}/accept", null);
            if (response.IsSuccessStatusCode)
                return await response.Content.ReadFromJsonAsync<WorkItemView>(Json);
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict || attempt == 3)
                return null;
        }
    }

    private static async Task CompleteAsync(HttpClient agent, string itemId)
    {
        using var completed = await agent.PostAsync($"/api/agent/work-items/{Uri.EscapeDataString(itemId)}/complete", null);
        completed.EnsureSuccessStatusCode();
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }
    }
}
