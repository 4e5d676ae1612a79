using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Policy;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>
/// One in-memory silo for the ledger tests of a class, started once: each test brings its own policy (a new version)
/// and its own clock time, and uses customers of its own, so nothing one test leaves counts in the next.
/// </summary>
public sealed class LedgerClusterFixture : IAsyncLifetime
{
    private readonly ContactPolicyCache _policy = new(new ContactPolicyVersion(0, PolicyRequests.Limits(), DateTimeOffset.UnixEpoch, "test"));
    private PolicyCluster? _cluster;
    private int _version;

    /// <summary>The cluster deciding under <paramref name="policy"/> from now on, its contact clock at <paramref name="now"/> (default: now).</summary>
    public PolicyCluster Use(ContactPolicyDocument policy, DateTimeOffset? now = null)
    {
        _policy.Offer(new ContactPolicyVersion(Interlocked.Increment(ref _version), policy, DateTimeOffset.UnixEpoch, "test"));
        _cluster!.Clock.Set(now ?? DateTimeOffset.UtcNow);
        return _cluster;
    }

    public async Task InitializeAsync() => _cluster = await PolicyCluster.StartWithPolicyAsync(1, postgres: false, _policy);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
