using Kasse.Campaigns;

namespace Kasse.Grains.Customers;

// Consents and the contact ledger (issue 13): built by h13-policy; these placeholders refuse until then.
public sealed partial class CustomerGrain
{
    public Task<ContactDecision> ReserveContact(ContactRequest request) => throw NotBuilt();

    public Task<bool> ConfirmContact(string contactId) => throw NotBuilt();

    public Task ReleaseContact(string contactId) => throw NotBuilt();

    public Task RecordOutcome(ContactOutcomeReport report) => throw NotBuilt();

    public Task<CustomerConsents> ChangeConsents(ConsentChange change) => throw NotBuilt();

    public Task<CustomerConsents> GetConsents() => throw NotBuilt();

    public Task<CustomerContactView> GetContactView() => throw NotBuilt();

    public Task<CustomerFacts?> GetFacts() => throw NotBuilt();

    public Task ReloadMasterData() => throw NotBuilt();

    // Until h13-policy uses them: the services the contact ledger will need (keeps the constructor stable).
    private NotSupportedException NotBuilt() =>
        new($"{nameof(CustomerGrain)}: contacts are not built yet ({masterData}, {ledgerStore}, {contactPolicy}, {clock}).");
}
