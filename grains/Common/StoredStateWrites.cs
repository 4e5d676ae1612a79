namespace Kasse.Grains.Common;

/// <summary>How every grain writes its state: a failed write ends the activation.</summary>
public static class StoredStateWrites
{
    /// <summary>
    /// Writes the state; after a failure the activation goes (and the failure is rethrown), so memory never claims what
    /// storage does not hold — another activation may have won the etag race, and the next call reloads what is stored.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
