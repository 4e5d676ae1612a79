using Kasse.Forms;

namespace Kasse.Web.Hubs;

/// <summary>
/// References to form session grains for the hubs, one per call. Orleans' <c>GetGrain&lt;T&gt;(Guid)</c> resolves the
/// interface's grain type by reading its attributes through reflection on every call: 3 % of the server's CPU per edit in
/// the <c>cobrowse</c> benchmark. Both types are fixed for the process, so they are taken once from a first reference and
/// every later reference is made from its grain id.
/// </summary>
public static class FormSessionReferences
{
    // One object, so that a thread sees both types or neither.
    private static GrainTypes? _types;

    public static IFormSessionGrain Get(IGrainFactory grains, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (_types is not { } types)
        {
            var first = (GrainReference)(object)grains.GetGrain<IFormSessionGrain>(sessionId);
            _types = new GrainTypes(first.GrainId.Type, first.InterfaceType);
            return (IFormSessionGrain)first;
        }
        var id = GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateGuidKey(sessionId));
        return (IFormSessionGrain)grains.GetGrain(id, types.Interface);
    }

    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);
}
