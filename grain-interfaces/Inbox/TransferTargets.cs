namespace Kasse.Inbox;

/// <summary>
/// Checks that a transfer's target exists before the item is asked to move: an agent whose desk was ever set up, or a
/// team some agent belongs to. Done by the caller (web layer), so the item never awaits a desk (desks call items).
/// </summary>
public static class TransferTargets
{
    public static async Task EnsureKnownAsync(IGrainFactory grains, TransferRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.ToAgentId))
        {
            if (!await grains.GetGrain<IAgentDeskGrain>(request.ToAgentId.Trim()).IsKnown())
                throw new InboxException(InboxErrors.TargetUnknown, "Diese Kollegin oder diesen Kollegen kennt das Routing nicht.");
        }
        else if (!string.IsNullOrWhiteSpace(request.ToTeam) && !await grains.GetGrain<ITeamDirectoryGrain>(0).IsKnown(request.ToTeam.Trim()))
        {
            throw new InboxException(InboxErrors.TargetUnknown, "Dieses Team kennt das Routing nicht.");
        }
    }
}
