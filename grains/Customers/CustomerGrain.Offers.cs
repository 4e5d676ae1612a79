using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Grains.Customers;

// Next best action (issue 13): a decision needs the facts and the contact policy, both owned here, so it is made in
// one turn of this grain — the facts, the ranking (NbaChooser, a silo service) and the reservations without a grain
// call between them. Outcomes of shown offers confirm and record in one append.
public sealed partial class CustomerGrain : ICustomerOffersGrain, IOfferReservations
{
    private NbaChooser? _chooser;

    public async Task<NbaDecision> DecideOffers(NbaRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CustomerKey != this.GetPrimaryKeyString())
            throw new ArgumentException("The decision belongs to another customer.", nameof(request));
        _chooser ??= ServiceProvider.GetRequiredService<NbaChooser>();
        return await _chooser.ChooseAsync(request, await FactsAsync(), this);
    }

    public Task RecordOfferOutcome(ContactOutcomeReport report, bool confirm) => ConfirmAndRecordOutcomeAsync(report, confirm);

    Task<ContactDecision> IOfferReservations.ReserveOfferAsync(ContactRequest request) => ReserveAsync(request, confirm: false);
}
