namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// What an activation reads from the session log besides its snapshot: the last operations at or before the snapshot's
/// seq with their answers, and the events after it; both ascending by seq.
/// </summary>
public sealed record FormSessionTail(IReadOnlyList<RememberedOperation> Operations, IReadOnlyList<FormSessionEvent> Events);
