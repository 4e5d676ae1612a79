using Kasse.Workspace;
using Npgsql;

namespace Kasse.Grains.Workspace;

/// <summary>The notes in the append-only table <c>work_item_notes</c> (migration 0011).</summary>
public sealed class PostgresWorkItemNoteStore(NpgsqlDataSource dataSource) : IWorkItemNoteStore
{
    private const string Columns = "item_id, note_id, author_id, author_name, text, at";

    public async Task<WorkItemNote> AppendAsync(WorkItemNote note)
    {
        // A retry with the same note id inserts nothing and reads back the note stored first.
        await using var command = dataSource.CreateCommand(
            $"""
            WITH inserted AS (
                INSERT INTO work_item_notes ({Columns}) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (item_id, note_id) DO NOTHING RETURNING {Columns})
            SELECT {Columns} FROM inserted
            UNION ALL
            SELECT {Columns} FROM work_item_notes WHERE item_id = $1 AND note_id = $2
            LIMIT 1
            """);
        command.Parameters.AddWithValue(note.ItemId);
        command.Parameters.AddWithValue(note.NoteId);
        command.Parameters.AddWithValue(note.AuthorId);
        command.Parameters.AddWithValue(note.AuthorName);
        command.Parameters.AddWithValue(note.Text);
        command.Parameters.AddWithValue(note.At);
        var stored = await ReadNotesAsync(command);
        return stored.Count > 0 ? stored[0] : note;
    }

    public async Task<IReadOnlyList<WorkItemNote>> ReadAsync(string itemId, int max)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM work_item_notes WHERE item_id = $1 ORDER BY id LIMIT $2");
        command.Parameters.AddWithValue(itemId);
        command.Parameters.AddWithValue(max);
        return await ReadNotesAsync(command);
    }

    private static async Task<IReadOnlyList<WorkItemNote>> ReadNotesAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var notes = new List<WorkItemNote>();
        while (await reader.ReadAsync())
        {
            notes.Add(new WorkItemNote(
                reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return notes;
    }
}
