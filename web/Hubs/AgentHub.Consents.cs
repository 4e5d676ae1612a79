using Kasse.Campaigns;
using Kasse.Web.Apis;

namespace Kasse.Web.Hubs;

/// <summary>An insured person's consents on the agent desktop, by KVNR; every read and change is audited by the consent desk.</summary>
public sealed partial class AgentHub
{
    /// <summary>Consents, contact ledger and suppressions in force; audited. Errors: INVALID_INPUT (KVNR).</summary>
    public Task<CustomerContactView> GetCustomerConsents(string kvnr) => ConsentDesk(kvnr).Read(Caller, kvnr);

    /// <summary>
    /// Records a change the person told the agent (e.g. withdrawn advertising consent, an objection); <c>changeId</c> is
    /// the idempotency key; audited. Errors: INVALID_INPUT.
    /// </summary>
    public Task<CustomerConsents> ChangeCustomerConsents(string kvnr, ConsentChangeRequest change)
    {
        if (change is null)
            throw HubErrors.Invalid("Die Änderung fehlt.");
        if (change.Validate() is { Count: > 0 } errors)
            throw HubErrors.Invalid(string.Join(" ", errors.Values.SelectMany(e => e)));
        return ConsentDesk(kvnr).Change(Caller, kvnr, change.ToChange(Caller.UserId, "agent"));
    }

    private IConsentDeskGrain ConsentDesk(string kvnr) =>
        Kvnr.IsValid(kvnr) ? Grains.GetGrain<IConsentDeskGrain>(0) : throw HubErrors.Invalid(Kvnr.InvalidMessage);
}
