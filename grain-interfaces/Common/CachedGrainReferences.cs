namespace Kasse;

/// <summary>
/// Grain references for the hot paths (a reference per chat message). Orleans' <c>GetGrain&lt;T&gt;(key)</c> works out
/// the grain interface type of <typeparamref name="TGrain"/> on every call — custom attributes and type-name parsing,
/// about 1.3 KB of garbage and a few microseconds per call (docs/benchmarks.md, h18-chat) — whereas the grain type and
/// the interface type never change in a process: they are taken from the first reference and reused.
/// </summary>
public static class CachedGrainReferences<TGrain>
    where TGrain : IGrainWithGuidKey
{
    // Written once (a race writes the same pair twice); a boxed pair so that readers never see half of it.
    private static Tuple<GrainType, GrainInterfaceType>? _types;

    /// <summary>The same reference as <c>grains.GetGrain&lt;TGrain&gt;(key)</c>, without resolving the types again.</summary>
    public static TGrain Get(IGrainFactory grains, Guid key)
    {
        var types = _types ??= TypesOf(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(types.Item1, GrainIdKeyExtensions.CreateGuidKey(key)), types.Item2);
    }

    private static Tuple<GrainType, GrainInterfaceType> TypesOf(IGrainFactory grains)
    {
        var probe = (GrainReference)(object)grains.GetGrain<TGrain>(Guid.Empty);
        return Tuple.Create(probe.GrainId.Type, probe.InterfaceType);
    }
}
