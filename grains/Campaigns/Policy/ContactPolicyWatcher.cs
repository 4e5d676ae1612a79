using Kasse.Campaigns;
using Kasse.Grains.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>Keeps this silo's <see cref="ContactPolicyCache"/> current by asking the policy grain twice a second.</summary>
public sealed class ContactPolicyWatcher(
    IGrainFactory grains, ContactPolicyCache cache, IHostApplicationLifetime lifetime, ILogger<ContactPolicyWatcher> logger)
    : ActiveVersionPoller(lifetime, RefreshInterval, logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    protected override string What => "the active contact policy";

    protected override async Task RefreshAsync(CancellationToken stoppingToken) =>
        cache.Offer(await grains.GetGrain<IContactPolicyGrain>(0).GetActive());
}
