using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Customers;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The product path: every question goes to the customer grain, the single owner of consents and the ledger.</summary>
public sealed class CustomerGrainContacts(IGrainFactory grains) : INbaCustomers
{
    public Task<NbaDecision> DecideAsync(NbaRequest request) => grains.GetGrain<ICustomerOffersGrain>(request.CustomerKey).DecideOffers(request);

    public Task RecordOutcomeAsync(string customerKey, ContactOutcomeReport report, bool confirm) =>
        grains.GetGrain<ICustomerOffersGrain>(customerKey).RecordOfferOutcome(report, confirm);

    public Task ReleaseAsync(string customerKey, string contactId) => grains.GetGrain<ICustomerGrain>(customerKey).ReleaseContact(contactId);
}
