using System.Collections.Concurrent;
using Kasse.Workspace;

namespace Kasse.Grains.Workspace;

/// <summary>The embedded default's notes: kept for the life of the process.</summary>
public sealed class InMemoryWorkItemNoteStore : IWorkItemNoteStore
{
    private readonly ConcurrentDictionary<string, List<WorkItemNote>> _byItem = new(StringComparer.Ordinal);

    public Task<WorkItemNote> AppendAsync(WorkItemNote note)
    {
        var notes = _byItem.GetOrAdd(note.ItemId, _ => []);
        lock (notes)
        {
            var existing = notes.Find(n => n.NoteId == note.NoteId);
            if (existing is not null)
                return Task.FromResult(existing);
            notes.Add(note);
            return Task.FromResult(note);
        }
    }

    public Task<IReadOnlyList<WorkItemNote>> ReadAsync(string itemId, int max)
    {
        if (!_byItem.TryGetValue(itemId, out var notes))
            return Task.FromResult<IReadOnlyList<WorkItemNote>>([]);
        lock (notes)
            return Task.FromResult<IReadOnlyList<WorkItemNote>>(notes.Take(max).ToArray());
    }
}
