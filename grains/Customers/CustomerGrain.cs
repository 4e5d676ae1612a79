using Kasse.Customers;

namespace Kasse.Grains.Customers;

/// <summary>Holds the master data of one insured person; the single writer of that data.</summary>
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Default)] IPersistentState<CustomerGrain.State> state) : Grain, ICustomerGrain
{
    public async Task UpsertProfile(CustomerProfile profile)
    {
        if (profile.Kvnr != this.GetPrimaryKeyString())
            throw new ArgumentException("The profile belongs to another insured person.", nameof(profile));
        if (state.State.Profile == profile)
            return;
        state.State.Profile = profile;
        await state.WriteStateAsync();
    }

    public Task<CustomerProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    [GenerateSerializer, Alias("Kasse.Grains.Customers.CustomerGrain.State")]
    public sealed class State
    {
        [Id(0)] public CustomerProfile? Profile { get; set; }
    }
}
