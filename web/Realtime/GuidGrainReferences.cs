using Orleans.Metadata;

namespace Kasse.Web.Realtime;

/// <summary>
/// References to the grains of one Guid-keyed interface, for the gateway's per-message calls. Orleans'
/// <c>GetGrain&lt;T&gt;(Guid)</c> works out the interface's grain interface type from its attributes, formatting type
/// names, on every call: 3.3 % of the server's CPU per chat message in a profile (issue 15). Here that is done once;
/// the grain type is still asked of Orleans on every call (it caches it per cluster manifest), so the reference is the
/// one <c>GetGrain</c> builds.
/// </summary>
public sealed class GuidGrainReferences<TGrainInterface>(
    IGrainFactory grains, GrainInterfaceTypeResolver interfaceTypes, GrainInterfaceTypeToGrainTypeResolver grainTypes)
    where TGrainInterface : IGrainWithGuidKey
{
    private readonly GrainInterfaceType _interfaceType = interfaceTypes.GetGrainInterfaceType(typeof(TGrainInterface));

    /// <summary>The grain with <paramref name="key"/>.</summary>
    public TGrainInterface Get(Guid key) =>
        (TGrainInterface)grains.GetGrain(
            GrainId.Create(grainTypes.GetGrainType(_interfaceType), GrainIdKeyExtensions.CreateGuidKey(key)), _interfaceType);
}
