using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// What the next-best-action engine asks of a customer: a decision made where the facts and the contact policy are
/// (<see cref="NbaChooser"/> with the person's facts and reservations), outcomes and releases. The product
/// implementation calls the customer grain (<see cref="CustomerGrainContacts"/>); the seam lets the engine's own logic
/// be tested with simulated customers.
/// </summary>
public interface INbaCustomers
{
    /// <summary>The decision, made in one step of the customer (the request is checked already).</summary>
    Task<NbaDecision> DecideAsync(NbaRequest request);

    /// <summary>Records an outcome; with <paramref name="confirm"/> confirms the reserved contact it names first.</summary>
    Task RecordOutcomeAsync(string customerKey, ContactOutcomeReport report, bool confirm);

    Task ReleaseAsync(string customerKey, string contactId);
}
