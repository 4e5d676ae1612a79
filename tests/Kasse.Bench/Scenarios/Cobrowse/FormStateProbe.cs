namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// What the bench reads of a <c>formState</c> push: the session, the seq, and the watched fields (in the order of
/// <see cref="WatchedPaths"/>). A lean client: the rest of the view state is skipped while parsing.
/// </summary>
public sealed record FormStateProbe(Guid SessionId, long Seq, ProbedField[] Fields);
