using Kasse.Gateway;

namespace Kasse.Grains.Gateway;

/// <summary>
/// The live gateway hosts of the cluster (one observer each). The hosts are stored (written only when a host is new),
/// so a registry re-activated after its silo died knows every host at once instead of only those that re-registered
/// since; hosts refresh every few seconds, and those whose silo membership no longer lists as active, or that stopped
/// refreshing, are left out.
/// </summary>
public sealed class GatewayRegistryGrain(
    IClusterMembershipService membership, TimeProvider clock,
    [PersistentState("gateway-registry", StorageNames.Default)] IPersistentState<GatewayRegistryGrain.Stored> state) : Grain, IGatewayRegistryGrain
{
    /// <summary>A host that has not refreshed for this long is treated as gone.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Registration> _hosts = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Known before this activation: counted as seen now; a host that is gone drops out after the expiry.
        var now = clock.GetUtcNow();
        foreach (var host in state.State.Hosts)
            _hosts[host.HostId] = new Registration(host.Silo, host.Observer, now);
        return Task.CompletedTask;
    }

    public async Task Register(string hostId, SiloAddress silo, IGatewayObserver observer)
    {
        var isNew = !_hosts.TryGetValue(hostId, out var known) || !known.Silo.Equals(silo);
        _hosts[hostId] = new Registration(silo, observer, clock.GetUtcNow());
        if (isNew)
            await StoreAsync();
    }

    public async Task Unregister(string hostId)
    {
        if (_hosts.Remove(hostId))
            await StoreAsync();
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

    private Task StoreAsync()
    {
        state.State.Hosts = [.. _hosts.Select(h => new GatewayHost(h.Key, h.Value.Silo, h.Value.Observer))];
        return state.WriteStateAsync();
    }

    private sealed record Registration(SiloAddress Silo, IGatewayObserver Observer, DateTimeOffset LastSeen);

    /// <summary>The hosts as last stored (a handful: one per silo).</summary>
    [GenerateSerializer]
    public sealed class Stored
    {
        [Id(0)] public List<GatewayHost> Hosts { get; set; } = [];
    }
}
