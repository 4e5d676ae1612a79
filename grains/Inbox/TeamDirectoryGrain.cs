using Kasse.Grains.Common;
using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The teams agents announced (stored), so a transfer to a team nobody belongs to is refused.</summary>
public sealed class TeamDirectoryGrain(
    [PersistentState("team-directory", StorageNames.Default)] IPersistentState<TeamDirectoryState> state) : Grain, ITeamDirectoryGrain
{
    public async Task Register(string team)
    {
        if (state.State.Teams.Add(team))
            await state.WriteOrDeactivateAsync(this);
    }

    public Task<bool> IsKnown(string team) => Task.FromResult(state.State.Teams.Contains(team));
}
