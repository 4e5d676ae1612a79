using Kasse.Gateway;

namespace Kasse.Grains.Gateway;

/// <summary>
/// The live gateway hosts of the cluster (one observer each). In memory only: hosts re-register every few seconds,
/// so a re-activated registry is complete again within one refresh period. Hosts whose silo membership no longer
/// lists as active, or that stopped refreshing, are left out.
/// </summary>
public sealed class GatewayRegistryGrain(IClusterMembershipService membership, TimeProvider clock) : Grain, IGatewayRegistryGrain
{
    /// <summary>A host that has not refreshed for this long is treated as gone.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Registration> _hosts = [];

    public Task Register(string hostId, SiloAddress silo, IGatewayObserver observer)
    {
        _hosts[hostId] = new Registration(silo, observer, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Unregister(string hostId)
    {
        _hosts.Remove(hostId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GatewayHost>> GetGateways()
    {
        var now = clock.GetUtcNow();
        var snapshot = membership.CurrentSnapshot;
        foreach (var (hostId, registration) in _hosts.ToArray())
        {
            if (now - registration.LastSeen > Expiry || snapshot.GetSiloStatus(registration.Silo) is SiloStatus.Dead)
                _hosts.Remove(hostId);
        }
        return Task.FromResult<IReadOnlyList<GatewayHost>>(
            _hosts.Where(h => snapshot.GetSiloStatus(h.Value.Silo) == SiloStatus.Active)
                .Select(h => new GatewayHost(h.Key, h.Value.Silo, h.Value.Observer)).ToArray());
    }

    private sealed record Registration(SiloAddress Silo, IGatewayObserver Observer, DateTimeOffset LastSeen);
}
