using System.Collections.Concurrent;
using Kasse.Inbox;

namespace Kasse.Tests.Inbox;

/// <summary>
/// An agent's client that moves work on: accepts every offer, then transfers the item (to a colleague or a team) while
/// it has been handed on fewer than <see cref="MaxTransfers"/> times, sometimes puts it on hold first, and otherwise
/// wraps it up. Refusals caused by a concurrent supervisor (not assigned any more, retry) are part of the game.
/// </summary>
public sealed class TransferringAgent(IGrainFactory grains, string agentId, IReadOnlyList<string> colleagues, IReadOnlyList<string> teams,
    ConcurrentDictionary<string, int> transfers)
{
    public const int MaxTransfers = 2;

    private readonly Random _random = new(agentId.GetHashCode(StringComparison.Ordinal));

    private IAgentDeskGrain Desk => grains.GetGrain<IAgentDeskGrain>(agentId);

    /// <summary>The desk loop of <see cref="SimulatedAgent"/>, working on each accepted item as described above.</summary>
    public Task RunAsync(CancellationToken stop) => new SimulatedAgent(grains, agentId, WorkOnAsync).RunAsync(stop);

    private async Task WorkOnAsync(string itemId)
    {
        try
        {
            if (_random.Next(4) == 0)
            {
                await grains.GetGrain<IWorkItemGrain>(itemId).Hold(agentId);
                await grains.GetGrain<IWorkItemGrain>(itemId).Resume(agentId);
            }
            if (transfers.AddOrUpdate(itemId, 1, (_, n) => n + 1) <= MaxTransfers)
            {
                var request = _random.Next(2) == 0
                    ? new TransferRequest(colleagues.Where(c => c != agentId).ElementAt(_random.Next(colleagues.Count - 1)), null, "Übergabe")
                    : new TransferRequest(null, teams[_random.Next(teams.Count)], "An das Team");
                await Desk.Transfer(itemId, request);
            }
            else
            {
                await Desk.Complete(itemId);
            }
        }
        catch (InboxException e) when (e.Code is InboxErrors.NotAssigned or InboxErrors.AlreadyDone or InboxErrors.Retry)
        {
            // A supervisor moved it meanwhile, or a concurrent write won: the item is someone else's business now.
        }
    }
}
