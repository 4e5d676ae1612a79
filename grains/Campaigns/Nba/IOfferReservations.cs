using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// Where a decision reserves its offers: the customer grain's own ledger, in the turn that makes the decision (so the
/// reservation is no further grain call), or the tests' simulated customers.
/// </summary>
public interface IOfferReservations
{
    Task<ContactDecision> ReserveOfferAsync(ContactRequest request);
}
