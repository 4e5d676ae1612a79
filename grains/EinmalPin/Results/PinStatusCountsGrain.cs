using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// The counts per status (see <see cref="IPinStatusCountsGrain"/>): the single owner of the last tally, which it keeps
/// in its grain state (a few numbers and a snapshot) so that after a restart, too, the next count starts from it.
/// </summary>
public sealed class PinStatusCountsGrain(
    [PersistentState("pin-status-counts", StorageNames.Default)] IPersistentState<PinStatusCountsGrain.State> state,
    IPinResultsReader reader,
    TimeProvider clock) : Grain, IPinStatusCountsGrain
{
    public async Task<PinStatusCounts> GetCounts()
    {
        var tally = await reader.TallyAsync(state.State.Last, clock.GetUtcNow());
        if (tally.Seen is not null)
        {
            state.State.Last = tally;
            await state.WriteStateAsync();
        }
        var byStatus = Enum.GetValues<PinCaseStatus>().ToDictionary(s => s, s => tally.Counts.GetValueOrDefault(s));
        return new PinStatusCounts(byStatus, byStatus.Values.Sum(), PinResultsGrain.StpRate(byStatus));
    }

    [GenerateSerializer, Alias("Kasse.Grains.EinmalPin.Results.PinStatusCountsGrain.State")]
    public sealed class State
    {
        [Id(0)] public PinStatusTally? Last { get; set; }
    }
}
