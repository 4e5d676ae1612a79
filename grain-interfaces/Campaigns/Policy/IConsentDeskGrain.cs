using Kasse.Conversations;

namespace Kasse.Campaigns;

/// <summary>
/// Staff access to an insured person's consents and contact ledger (agent desktop, HTTP): every read and change is
/// written to the audit trail before it is answered (§35 SGB I). The person is named by KVNR; the desk finds the
/// customer grain by its pseudonym. Stateless: any silo serves it.
/// </summary>
[Alias("Kasse.Campaigns.IConsentDeskGrain")]
public interface IConsentDeskGrain : IGrainWithIntegerKey
{
    /// <summary>Consents, ledger and suppressions in force; audited as <c>customer.consents.read</c>.</summary>
    [Alias("Read")]
    Task<CustomerContactView> Read(Participant staff, string kvnr);

    /// <summary>Records a change the person told the agent (actor: the agent, source <c>agent</c>); audited as
    /// <c>customer.consents.change</c>. Idempotent by <see cref="ConsentChange.ChangeId"/>.</summary>
    [Alias("Change")]
    Task<CustomerConsents> Change(Participant staff, string kvnr, ConsentChange change);
}
