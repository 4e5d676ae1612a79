using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// What the next-best-action engine asks of a customer: the facts rules see, and the contact policy (reserve, confirm,
/// release, outcomes). The product implementation calls the customer grain (<see cref="CustomerGrainContacts"/>); the
/// seam lets the engine's own logic be tested while the customer grain's contact ledger is built elsewhere.
/// </summary>
public interface INbaCustomers
{
    Task<CustomerFacts?> GetFactsAsync(string customerKey);

    Task<ContactDecision> ReserveAsync(string customerKey, ContactRequest request);

    Task<bool> ConfirmAsync(string customerKey, string contactId);

    Task ReleaseAsync(string customerKey, string contactId);

    Task RecordOutcomeAsync(string customerKey, ContactOutcomeReport report);
}
