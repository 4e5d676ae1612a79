using Kasse.Inbox;

namespace Kasse.Tests.Inbox;

/// <summary>
/// An agent's client in a test: long-polls its desk, accepts every offer and works on it — by default wraps it up at
/// once — and keeps going through failures (a silo killed under it) as a real client would, by calling again.
/// </summary>
public sealed class SimulatedAgent(IGrainFactory grains, string agentId, Func<string, Task>? workOn = null)
{
    public IAgentDeskGrain Desk => grains.GetGrain<IAgentDeskGrain>(agentId);

    private Task WorkOnAsync(string itemId) => workOn is null ? Desk.Complete(itemId) : workOn(itemId);

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
                    await WorkOnAsync(offer.ItemId);
                }
                // Items accepted before a failure cut the answer short are worked on too.
                foreach (var itemId in desk.AssignedItems)
                    await WorkOnAsync(itemId);
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
