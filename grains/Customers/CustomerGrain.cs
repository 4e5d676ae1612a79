using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Journey;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Grains.Common;
using Orleans.Placement;

namespace Kasse.Grains.Customers;

/// <summary>
/// One insured person: master data, consents, contact ledger and journey context; the single writer of each.
/// Contacts: CustomerGrain.Contacts.cs; journey: CustomerGrain.Journey.cs.
/// </summary>
/// <remarks>Placed on the silo of the first caller: a person's requests arrive through the gateway their connection is on.</remarks>
[PreferLocalPlacement]
public sealed partial class CustomerGrain(
    [PersistentState("customer", StorageNames.Default)] IPersistentState<CustomerGrain.State> state,
    ICustomerMasterStore masterData,
    ICustomerEventStore ledgerStore,
    IActiveContactPolicy contactPolicy,
    IJourneyEventStore journeyStore,
    TimeProvider clock) : Grain, ICustomerGrain
{
    public const int MaxRememberedConversations = 100;

    public async Task UpsertProfile(CustomerProfile profile)
    {
        if (state.State.Profile == profile)
            return;
        state.State.Profile = profile;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<CustomerProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public async Task RecordConversation(Guid conversationId)
    {
        // Bounded: older conversations stay in the history table, reachable by id.
        if (NewestFirstList.Remember(state.State.Conversations, conversationId, MaxRememberedConversations))
            await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<Guid>> ListConversations() => Task.FromResult<IReadOnlyList<Guid>>(state.State.Conversations.ToArray());

    public async Task RecordWorkItem(string itemId)
    {
        if (NewestFirstList.Remember(state.State.WorkItems, itemId, MaxRememberedConversations))
            await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<string>> ListWorkItems() => Task.FromResult<IReadOnlyList<string>>(state.State.WorkItems.ToArray());

    public async Task RecordFormSession(Guid sessionId)
    {
        if (NewestFirstList.Remember(state.State.FormSessions, sessionId, MaxRememberedConversations))
            await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<Guid>> ListFormSessions() => Task.FromResult<IReadOnlyList<Guid>>(state.State.FormSessions.ToArray());

    [GenerateSerializer, Alias("Kasse.Grains.Customers.CustomerGrain.State")]
    public sealed class State
    {
        [Id(0)] public CustomerProfile? Profile { get; set; }

        [Id(1)] public List<Guid> Conversations { get; set; } = [];

        [Id(2)] public List<string> WorkItems { get; set; } = [];

        [Id(3)] public List<Guid> FormSessions { get; set; } = [];
    }
}
