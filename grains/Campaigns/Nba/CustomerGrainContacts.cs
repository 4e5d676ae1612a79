using Kasse.Campaigns;
using Kasse.Customers;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The product path: every question goes to the customer grain, the single owner of consents and the ledger.</summary>
public sealed class CustomerGrainContacts(IGrainFactory grains) : INbaCustomers
{
    public Task<CustomerFacts?> GetFactsAsync(string customerKey) => Customer(customerKey).GetFacts();

    public Task<ContactDecision> ReserveAsync(string customerKey, ContactRequest request) => Customer(customerKey).ReserveContact(request);

    public Task<bool> ConfirmAsync(string customerKey, string contactId) => Customer(customerKey).ConfirmContact(contactId);

    public Task ReleaseAsync(string customerKey, string contactId) => Customer(customerKey).ReleaseContact(contactId);

    public Task RecordOutcomeAsync(string customerKey, ContactOutcomeReport report) => Customer(customerKey).RecordOutcome(report);

    private ICustomerGrain Customer(string customerKey) => grains.GetGrain<ICustomerGrain>(customerKey);
}
