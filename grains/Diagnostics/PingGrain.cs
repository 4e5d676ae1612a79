using Kasse.Diagnostics;

namespace Kasse.Grains.Diagnostics;

/// <summary>Answers at once; measures the bare cost of a grain call.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<long> Ping(long value) => Task.FromResult(value);
}
