namespace Kasse.Workspace;

/// <summary>An internal note on a work item: written by staff, read by staff, never shown to the customer.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Workspace.WorkItemNote")]
public sealed record WorkItemNote(
    [property: Id(0)] string ItemId,
    [property: Id(1)] Guid NoteId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string AuthorName,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At);
