namespace Kasse.Workspace;

/// <summary>
/// The canned responses of one team, keyed by the team name. Until a supervisor replaces them, a team has the built-in
/// demo set (German).
/// </summary>
[Alias("Kasse.Workspace.ICannedResponsesGrain")]
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<IReadOnlyList<CannedResponse>> List();

    /// <summary>Replaces the whole set (at most 100 entries; titles up to 100, texts up to 4,000 characters).</summary>
    [Alias("Replace")]
    Task<IReadOnlyList<CannedResponse>> Replace(IReadOnlyList<CannedResponse> responses);
}
