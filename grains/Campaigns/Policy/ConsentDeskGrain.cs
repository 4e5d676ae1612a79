using Kasse.Campaigns;
using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Grains.Audit;
using Orleans.Concurrency;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>Staff access to consents, audited before anything is answered (the audit trail holds the KVNR, the ledger only the pseudonym).</summary>
[StatelessWorker]
public sealed class ConsentDeskGrain(IAuditTrail audit, CustomerPseudonyms pseudonyms, TimeProvider clock) : Grain, IConsentDeskGrain
{
    public const string ReadAction = "customer.consents.read";
    public const string ChangeAction = "customer.consents.change";

    public async Task<CustomerContactView> Read(Participant staff, string kvnr)
    {
        var customer = Customer(staff, kvnr);
        // Neither the data warehouse nor the core system knows the person: there is nothing of theirs to show.
        if (await customer.GetFacts() is null)
            throw new CampaignException(CampaignErrors.CustomerUnknown, "Diese Person ist weder im Data Warehouse noch im Kernsystem bekannt.");
        await AuditAsync(staff, ReadAction, kvnr);
        return await customer.GetContactView();
    }

    public async Task<CustomerConsents> Change(Participant staff, string kvnr, ConsentChange change)
    {
        var customer = Customer(staff, kvnr);
        ArgumentNullException.ThrowIfNull(change);
        await AuditAsync(staff, $"{ChangeAction}.{change.Kind}", kvnr);
        return await customer.ChangeConsents(change with { Actor = staff.UserId, Source = "agent" });
    }

    private ICustomerGrain Customer(Participant staff, string kvnr)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (!staff.IsStaff)
            throw new CampaignException(CampaignErrors.CustomerUnknown, "Nur Mitarbeitende sehen Einwilligungen anderer Personen.");
        if (!Kvnr.IsValid(kvnr))
            throw new CampaignException(CampaignErrors.CustomerUnknown, Kvnr.InvalidMessage);
        return GrainFactory.GetGrain<ICustomerGrain>(pseudonyms.KeyOf(kvnr));
    }

    private Task AuditAsync(Participant staff, string action, string kvnr) => audit.AppendAsync(new AuditEntry(
        clock.GetUtcNow(), staff.UserId, staff.Role.ToString(), action, "customer", pseudonyms.KeyOf(kvnr), kvnr));
}
