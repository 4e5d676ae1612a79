using Kasse.Inbox;

namespace Kasse.Tests.Inbox;

/// <summary>Waits on an agent's desk through its long poll, never by sleeping.</summary>
public static class DeskWaits
{
    public static async Task<AgentDeskView> UntilAsync(this IAgentDeskGrain desk, Func<AgentDeskView, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var view = await desk.GetDesk();
        while (!condition(view))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{what} did not happen within {timeout}; desk: {string.Join(", ", view.Offers.Select(o => o.ItemId))} offered, load {view.Load}");
            view = await desk.WaitForChange(view.Version, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
        return view;
    }

    /// <summary>The offer of <paramref name="itemId"/> once the desk shows it.</summary>
    public static async Task<AgentOffer> OfferOfAsync(this IAgentDeskGrain desk, string itemId, TimeSpan timeout)
    {
        var view = await desk.UntilAsync(v => v.Offers.Any(o => o.ItemId == itemId), timeout, $"an offer of {itemId}");
        return view.Offers.First(o => o.ItemId == itemId);
    }

    /// <summary>Accepts the item's offer; an offer that expired under a slow machine is simply offered again.</summary>
    public static async Task<WorkItemView> AcceptOfferOfAsync(this IAgentDeskGrain desk, string itemId, TimeSpan timeout)
    {
        while (true)
        {
            var offer = await desk.OfferOfAsync(itemId, timeout);
            try
            {
                return await desk.Accept(offer.OfferId);
            }
            catch (InboxException e) when (e.Code == InboxErrors.OfferGone)
            {
            }
        }
    }
}
