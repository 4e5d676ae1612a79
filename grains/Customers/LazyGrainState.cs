using Orleans.Storage;

namespace Kasse.Grains.Customers;

/// <summary>
/// A grain's stored state read on first use instead of at activation: a campaign batch wakes millions of customer
/// grains that decide from the ledger and the master data alone, and a read per activation was their largest cost.
/// Same storage, name and etags as <c>[PersistentState]</c>, so what is stored stays readable either way.
/// </summary>
internal sealed class LazyGrainState<T>(IGrainStorage storage, string stateName, GrainId grainId)
    where T : class, new()
{
    private readonly GrainState<T> _stored = new(new T());
    private bool _loaded;

    /// <summary>The state, read from storage on the first call of this activation.</summary>
    public async ValueTask<T> GetAsync()
    {
        if (!_loaded)
        {
            await storage.ReadStateAsync(stateName, grainId, _stored);
            _loaded = true;
        }
        return _stored.State ??= new T();
    }

    /// <summary>Writes what <see cref="GetAsync"/> returned; after a failure the activation goes (see StoredStateWrites).</summary>
    public async Task WriteOrDeactivateAsync(IGrainBase grain)
    {
        try
        {
            await storage.WriteStateAsync(stateName, grainId, _stored);
        }
        catch (Exception)
        {
            _loaded = false;
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
