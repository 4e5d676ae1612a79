using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// How a campaign asks for a contact slot: the product's <see cref="CustomerGrainContactGate"/> asks the customer grain
/// (the contact policy's single writer). A seam so the campaign's own logic (targeting, channels, volume, checkpoints)
/// is tested on its own; the tests with the real customer grain are the <c>*EndToEndTests</c>.
/// </summary>
public interface ICampaignContactGate
{
    Task<ContactDecision> ReserveAsync(string customerKey, ContactRequest request);

    /// <summary>False when the slot is no longer reserved (expired, released, revoked): then nobody is contacted.</summary>
    Task<bool> ConfirmAsync(string customerKey, string contactId);

    Task ReleaseAsync(string customerKey, string contactId);

    /// <summary>
    /// Reserve and confirm in one step (the batch run contacts right away): granted means confirmed; a slot revoked
    /// between the two comes back refused as <see cref="ContactRefusal.Objection"/>.
    /// </summary>
    Task<ContactDecision> ReserveAndConfirmAsync(string customerKey, ContactRequest request);
}

/// <summary>The product's gate: the customer grain reserves, confirms and releases.</summary>
public sealed class CustomerGrainContactGate(IGrainFactory grains) : ICampaignContactGate
{
    public Task<ContactDecision> ReserveAsync(string customerKey, ContactRequest request) =>
        grains.GetGrain<Kasse.Customers.ICustomerGrain>(customerKey).ReserveContact(request);

    public Task<bool> ConfirmAsync(string customerKey, string contactId) =>
        grains.GetGrain<Kasse.Customers.ICustomerGrain>(customerKey).ConfirmContact(contactId);

    public Task ReleaseAsync(string customerKey, string contactId) =>
        grains.GetGrain<Kasse.Customers.ICustomerGrain>(customerKey).ReleaseContact(contactId);

    public Task<ContactDecision> ReserveAndConfirmAsync(string customerKey, ContactRequest request) =>
        grains.GetGrain<Kasse.Customers.ICustomerGrain>(customerKey).ReserveAndConfirmContact(request);
}
