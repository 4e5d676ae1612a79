using Kasse.Inbox;

namespace Kasse.Tests.Inbox;

/// <summary>
/// An agent's client in a test: long-polls its desk, accepts every offer and wraps it up at once, and keeps going
/// through failures (a silo killed under it) as a real client would, by calling again.
/// </summary>
public sealed class SimulatedAgent(IGrainFactory grains, string agentId)
{
    public IAgentDeskGrain Desk => grains.GetGrain<IAgentDeskGrain>(agentId);

    public async Task RunAsync(CancellationToken stop)
    {
        var known = -1L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var desk = await Desk.WaitForChange(known, TimeSpan.FromSeconds(2));
                known = desk.Version;
                foreach (var offer in desk.Offers)
                {
                    try
                    {
                        await Desk.Accept(offer.OfferId);
                    }
                    catch (InboxException e) when (e.Code == InboxErrors.OfferGone)
                    {
                        continue;
                    }
                    await Desk.Complete(offer.ItemId);
                }
                // Items accepted before a failure cut the answer short are wrapped up too.
                foreach (var itemId in desk.AssignedItems)
                    await Desk.Complete(itemId);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                known = -1;
                // Back off briefly before calling again (a retry pause, not a wait for a condition).
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
