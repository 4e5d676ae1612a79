using Kasse.Grains.Workspace;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Kasse.Workspace;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Storage;

/// <summary>Internal notes in <c>work_item_notes</c> (migration 0011) against the real database.</summary>
public sealed class WorkItemNotesTableTests
{
    [Fact]
    public async Task A_retried_note_is_stored_once_and_notes_can_be_neither_changed_nor_deleted()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("notes");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresWorkItemNoteStore(dataSource);
        var note = new WorkItemNote("form:n-1", Guid.NewGuid(), "agent-kaya", "Deniz Kaya", "Rückruf vereinbart", DateTimeOffset.UtcNow);

        var first = await store.AppendAsync(note);
        var retried = await store.AppendAsync(note with { Text = "anderer Text", At = note.At.AddMinutes(1) });
        await store.AppendAsync(note with { NoteId = Guid.NewGuid(), Text = "Zweite Notiz" });

        Assert.Equal((note.NoteId, "Rückruf vereinbart"), (first.NoteId, first.Text));
        Assert.Equal((first.Text, first.At), (retried.Text, retried.At));
        Assert.Equal(["Rückruf vereinbart", "Zweite Notiz"], (await store.ReadAsync("form:n-1", 10)).Select(n => n.Text));
        Assert.Empty(await store.ReadAsync("form:other", 10));
        await using var update = dataSource.CreateCommand("UPDATE work_item_notes SET text = 'x'");
        await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        await using var delete = dataSource.CreateCommand("DELETE FROM work_item_notes");
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }
}
