using Kasse.Workspace;

namespace Kasse.Grains.Workspace;

/// <summary>The append-only internal notes of work items. Implementations: PostgreSQL table, or memory in the embedded default.</summary>
public interface IWorkItemNoteStore
{
    /// <summary>Appends the note unless the item has one with its id already; returns the stored note either way.</summary>
    Task<WorkItemNote> AppendAsync(WorkItemNote note);

    /// <summary>The notes of an item, oldest first (at most <paramref name="max"/>).</summary>
    Task<IReadOnlyList<WorkItemNote>> ReadAsync(string itemId, int max);
}
