namespace Kasse.Inbox;

/// <summary>
/// The teams routing knows (key 0): a team is known once an agent of it set a presence. Lets a transfer to a team be
/// refused when nobody could ever serve it (a typo), instead of the item waiting in a queue no agent serves.
/// </summary>
[Alias("Kasse.Inbox.ITeamDirectoryGrain")]
public interface ITeamDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(string team);

    [Alias("IsKnown")]
    Task<bool> IsKnown(string team);
}
