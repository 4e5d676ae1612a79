using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Kasse.Grains.Cluster;

/// <summary>Places a grain on the silo whose address (parsable string) is its key, and nowhere else.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Cluster.OnTargetSiloPlacement")]
public sealed class OnTargetSiloPlacement : PlacementStrategy
{
    public static OnTargetSiloPlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OnTargetSiloPlacementAttribute() : PlacementAttribute(OnTargetSiloPlacement.Instance);

/// <summary>
/// The director of <see cref="OnTargetSiloPlacement"/>: a silo that is not (or no longer) active in the cluster gets
/// no activation, so a call for it fails instead of running somewhere else.
/// </summary>
public sealed class OnTargetSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        var wanted = context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == key);
        return wanted is not null
            ? Task.FromResult(wanted)
            : throw new SiloUnavailableException($"Silo {key} is not active in the cluster.");
    }
}
