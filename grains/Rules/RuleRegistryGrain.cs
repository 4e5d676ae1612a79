using Kasse.Rules;
namespace Kasse.Grains.Rules;

/// <summary>The active version of every rule set; persisted, so a restarted cluster activates the same versions.</summary>
public sealed class RuleRegistryGrain(
    [PersistentState("rule-registry", Grains.StorageNames.Default)] IPersistentState<RuleRegistryGrain.State> state)
    : Grain, IRuleRegistryGrain
{
    public async Task SetActive(string ruleSet, int version)
    {
        if (state.State.Active.TryGetValue(ruleSet, out var current) && current == version)
            return;
        state.State.Active[ruleSet] = version;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            // Never serve an activation that is not stored: the next call reloads the stored state.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<IReadOnlyDictionary<string, int>> GetActive() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(state.State.Active));

    [GenerateSerializer, Alias("Kasse.Rules.RuleRegistryGrain.State")]
    public sealed class State
    {
        [Id(0)] public Dictionary<string, int> Active { get; set; } = [];
    }
}
