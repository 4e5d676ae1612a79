namespace Kasse.Diagnostics;

/// <summary>The cheapest possible grain call; the baseline that grain-backed scenarios are measured against.</summary>
[Alias("Kasse.Diagnostics.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<long> Ping(long value);
}
