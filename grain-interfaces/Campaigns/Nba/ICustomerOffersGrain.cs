namespace Kasse.Campaigns.Nba;

/// <summary>
/// Next best action inside the customer grain (the same grain as <c>ICustomerGrain</c>, keyed by the customer key): a
/// decision needs the person's facts and a reservation under the contact policy, both owned there, so it is made in
/// one call instead of a call for each (docs/campaigns.md, "A decision").
/// </summary>
[Alias("Kasse.Campaigns.Nba.ICustomerOffersGrain")]
public interface ICustomerOffersGrain : IGrainWithStringKey
{
    /// <summary>
    /// Facts, candidates, arbitration and the reservation of the best offers the policy allows, in one turn of the
    /// customer grain; the chosen offers are logged before the answer. Idempotent by <see cref="NbaRequest.DecisionId"/>.
    /// </summary>
    [Alias("DecideOffers")]
    Task<NbaDecision> DecideOffers(NbaRequest request);

    /// <summary>
    /// Records an outcome of a shown offer and, when <paramref name="confirm"/>, confirms its reserved contact first
    /// (the offer was shown): both stored in one append. Idempotent by the report's outcome id.
    /// </summary>
    [Alias("RecordOfferOutcome")]
    Task RecordOfferOutcome(ContactOutcomeReport report, bool confirm);
}
