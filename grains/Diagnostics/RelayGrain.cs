using Kasse.Diagnostics;
using Orleans.Concurrency;

namespace Kasse.Grains.Diagnostics;

/// <summary>
/// Passes a call on to the next grain of its path. Reentrant, like a routing queue that never blocks on the grains it
/// calls, so a chain measures the calls and not a grain waiting for another.
/// </summary>
[Reentrant]
public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<long> Relay(long value, string[] path, int next) =>
        next < path.Length ? GrainFactory.GetGrain<IRelayGrain>(path[next]).Relay(value, path, next + 1) : Task.FromResult(value);
}
