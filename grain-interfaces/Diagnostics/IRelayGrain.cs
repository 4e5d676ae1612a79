namespace Kasse.Diagnostics;

/// <summary>
/// A bare chain of grain calls: each grain on the path calls the next one and answers with its answer. The baseline of
/// scenarios whose operation is a chain of grains (e.g. routing: item → queue → agent), without their logic.
/// </summary>
[Alias("Kasse.Diagnostics.IRelayGrain")]
public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Calls the grain <paramref name="path"/>[<paramref name="next"/>] with the rest of the path; the last answers <paramref name="value"/>.</summary>
    [Alias("Relay")]
    Task<long> Relay(long value, string[] path, int next);
}
