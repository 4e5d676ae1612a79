using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Web.Apis;

namespace Kasse.Web.Hubs;

/// <summary>The insured's own consents over SignalR (docs/campaigns.md); the person is the caller, never an argument.</summary>
public sealed partial class CustomerHub
{
    /// <summary>The caller's consents. Errors: none.</summary>
    public Task<CustomerConsents> GetConsents() => OwnCustomer().GetConsents();

    /// <summary>
    /// Changes one consent; <c>changeId</c> is the idempotency key. Errors: INVALID_INPUT (missing id or kind, channel or
    /// priority missing for their kind).
    /// </summary>
    public Task<CustomerConsents> ChangeConsents(ConsentChangeRequest change) => ChangeOwnConsents(change);

    /// <summary>Objects to targeted offers (§68b SGB V): every campaign stops at once. Errors: INVALID_INPUT (missing id).</summary>
    public Task<CustomerConsents> DeclareObjection(string changeId) => ChangeOwnConsents(new ObjectionRequest(changeId).AsChange());

    private Task<CustomerConsents> ChangeOwnConsents(ConsentChangeRequest? change)
    {
        if (change is null)
            throw HubErrors.Invalid("Die Änderung fehlt.");
        if (change.Validate() is { Count: > 0 } errors)
            throw HubErrors.Invalid(string.Join(" ", errors.Values.SelectMany(e => e)));
        var key = pseudonyms.KeyOf(Caller.UserId);
        return Grains.GetGrain<ICustomerGrain>(key).ChangeConsents(change.ToChange(key, "portal"));
    }

    private ICustomerGrain OwnCustomer() => Grains.GetGrain<ICustomerGrain>(pseudonyms.KeyOf(Caller.UserId));
}
