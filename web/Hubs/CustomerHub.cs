using Kasse.Customers;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>The real-time channel of insured persons (portal and app).</summary>
[Authorize(Policy = KassePolicies.Insured)]
public sealed class CustomerHub(IGrainFactory grains) : Hub
{
    public const string Path = "/hubs/customer";

    /// <summary>The caller's own master data. Errors: <c>NOT_FOUND</c> when the core system has delivered none.</summary>
    public async Task<CustomerProfile> GetProfile()
    {
        var profile = await grains.GetGrain<ICustomerGrain>(Context.UserIdentifier ?? "").GetProfile();
        return profile ?? throw HubErrors.NotFound("Für Sie liegen noch keine Stammdaten vor.");
    }
}
