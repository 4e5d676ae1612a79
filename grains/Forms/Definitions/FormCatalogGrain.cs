using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>The names of every form definition that has a version (singleton, key 0); persisted.</summary>
public sealed class FormCatalogGrain(
    [PersistentState("form-catalog", Grains.StorageNames.Default)] IPersistentState<FormCatalogGrain.State> state)
    : Grain, IFormCatalogGrain
{
    public async Task Register(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (state.State.Names.Contains(name))
            return;
        state.State.Names.Add(name);
        state.State.Names.Sort(StringComparer.Ordinal);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<IReadOnlyList<string>> ListNames() => Task.FromResult<IReadOnlyList<string>>(state.State.Names.ToArray());

    [GenerateSerializer, Alias("Kasse.Forms.FormCatalogGrain.State")]
    public sealed class State
    {
        [Id(0)] public List<string> Names { get; set; } = [];
    }
}
