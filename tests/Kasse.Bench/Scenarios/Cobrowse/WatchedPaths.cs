namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// The field paths the load edits, the same in every session (one definition): [0] the insured's own field, [1] the
/// agent's own field, [2] the field both write (conflicts). Set once the first session has been opened; pushes that
/// arrive before are parsed without fields.
/// </summary>
public sealed class WatchedPaths
{
    public const int InsuredField = 0;
    public const int AgentField = 1;
    public const int SharedField = 2;

    private volatile string[] _paths = [];

    public IReadOnlyList<string> Paths => _paths;

    public void Set(string insuredField, string agentField, string sharedField) => _paths = [insuredField, agentField, sharedField];
}
