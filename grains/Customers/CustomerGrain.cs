using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Journey;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Storage;

namespace Kasse.Grains.Customers;

/// <summary>
/// One insured person: master data, consents, contact ledger and journey context; the single writer of each.
/// Contacts: CustomerGrain.Contacts.cs; journey: CustomerGrain.Journey.cs.
/// </summary>
/// <remarks>Placed on the silo of the first caller: a person's requests arrive through the gateway their connection is on.</remarks>
[PreferLocalPlacement]
public sealed partial class CustomerGrain(
    ICustomerMasterStore masterData,
    ICustomerEventStore ledgerStore,
    IActiveContactPolicy contactPolicy,
    IJourneyEventStore journeyStore,
    TimeProvider clock) : Grain, ICustomerGrain
{
    public const int MaxRememberedConversations = 100;

    private LazyGrainState<State>? _stored;

    /// <summary>The profile and reference lists, read on first use (a contact decision needs neither).</summary>
    private LazyGrainState<State> Stored => _stored ??= new(
        ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), "customer", this.GetGrainId());

    public async Task UpsertProfile(CustomerProfile profile)
    {
        var state = await Stored.GetAsync();
        if (state.Profile == profile)
            return;
        state.Profile = profile;
        await Stored.WriteOrDeactivateAsync(this);
    }

    public async Task<CustomerProfile?> GetProfile() => (await Stored.GetAsync()).Profile;

    public async Task RecordConversation(Guid conversationId)
    {
        // Bounded: older conversations stay in the history table, reachable by id.
        if (NewestFirstList.Remember((await Stored.GetAsync()).Conversations, conversationId, MaxRememberedConversations))
            await Stored.WriteOrDeactivateAsync(this);
    }

    public async Task<IReadOnlyList<Guid>> ListConversations() => (await Stored.GetAsync()).Conversations.ToArray();

    public async Task RecordWorkItem(string itemId)
    {
        if (NewestFirstList.Remember((await Stored.GetAsync()).WorkItems, itemId, MaxRememberedConversations))
            await Stored.WriteOrDeactivateAsync(this);
    }

    public async Task<IReadOnlyList<string>> ListWorkItems() => (await Stored.GetAsync()).WorkItems.ToArray();

    public async Task RecordFormSession(Guid sessionId)
    {
        if (NewestFirstList.Remember((await Stored.GetAsync()).FormSessions, sessionId, MaxRememberedConversations))
            await Stored.WriteOrDeactivateAsync(this);
    }

    public async Task<IReadOnlyList<Guid>> ListFormSessions() => (await Stored.GetAsync()).FormSessions.ToArray();

    [GenerateSerializer, Alias("Kasse.Grains.Customers.CustomerGrain.State")]
    public sealed class State
    {
        [Id(0)] public CustomerProfile? Profile { get; set; }

        [Id(1)] public List<Guid> Conversations { get; set; } = [];

        [Id(2)] public List<string> WorkItems { get; set; } = [];

        [Id(3)] public List<Guid> FormSessions { get; set; } = [];
    }
}
