namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// What the bench reads of a <c>formState</c> or <c>formChange</c> push: the session, the seq, a change's
/// <c>baseSeq</c> (0 for a whole state), and the watched fields (in the order of <see cref="WatchedPaths"/>). A lean
/// client: the rest of the view state is skipped while parsing.
/// </summary>
public sealed record FormStateProbe(Guid SessionId, long Seq, long BaseSeq, ProbedField[] Fields);
