using Kasse.Conversations;
using Kasse.Grains.Conversations;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Storage;

/// <summary>The project's own append-only tables keep their promises against the real database.</summary>
public sealed class AppendOnlyTablesTests
{
    private static async Task<string> MigratedDatabaseAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("appendonly");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    private static ConversationEvent Message(Guid id, long seq, string sender, string clientId, string text) =>
        new(id, seq, ConversationEventKind.Message, sender, ParticipantRole.Insured, "Anna", clientId, text, DateTimeOffset.UtcNow);

    [Fact]
    public async Task History_accepts_the_same_event_again_but_never_acknowledges_another_event_on_a_taken_seq()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var history = new PostgresConversationHistory(dataSource, NullLogger<PostgresConversationHistory>.Instance);
        var id = Guid.NewGuid();
        var first = Message(id, 1, "A123456780", "c-1", "Erste Nachricht");

        await history.AppendAsync(first);
        await history.AppendAsync(first); // a re-append after a lost ack
        var other = Message(id, 1, "agent-mueller", "a-1", "Andere Nachricht auf derselben Nummer");
        await Assert.ThrowsAsync<InvalidOperationException>(() => history.AppendAsync(other));

        var stored = await history.ReadAfterAsync(id, 0, 10);
        Assert.Equal(first with { At = stored[0].At }, Assert.Single(stored));
        Assert.Equal([("A123456780", "c-1", 1L)], await history.ReadRecentClientIdsAsync(id, 10));
    }

    [Fact]
    public async Task History_tells_whether_it_holds_an_event_of_a_kind_from_a_sender_or_from_anyone()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var history = new PostgresConversationHistory(dataSource, NullLogger<PostgresConversationHistory>.Instance);
        var id = Guid.NewGuid();
        await history.AppendAsync(new ConversationEvent(
            id, 1, ConversationEventKind.AgentJoined, "agent-mueller", ParticipantRole.Agent, "Müller", null, null, DateTimeOffset.UtcNow));

        Assert.True(await history.ContainsAsync(id, ConversationEventKind.AgentJoined, "agent-mueller"));
        Assert.True(await history.ContainsAsync(id, ConversationEventKind.AgentJoined, senderId: null));
        Assert.False(await history.ContainsAsync(id, ConversationEventKind.AgentJoined, "agent-schulz"));
        Assert.False(await history.ContainsAsync(id, ConversationEventKind.Closed, senderId: null));
        Assert.False(await history.ContainsAsync(Guid.NewGuid(), ConversationEventKind.AgentJoined, senderId: null));
    }

    [Fact]
    public async Task One_message_with_a_nul_character_cannot_fail_other_peoples_messages()
    {
        // The grain refuses control characters before they reach the shared batch; the table would reject NUL.
        Assert.False(PlainText.IsClean("Hallo\0Welt"));
        Assert.True(PlainText.IsClean("Zeile 1\nZeile 2\tEingerückt"));
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var history = new PostgresConversationHistory(dataSource, NullLogger<PostgresConversationHistory>.Instance);
        var id = Guid.NewGuid();
        await history.AppendAsync(Message(id, 1, "A123456780", "c-1", "Zeile 1\nZeile 2"));
        Assert.Equal("Zeile 1\nZeile 2", (await history.ReadAfterAsync(id, 0, 1))[0].Text);
    }

    [Fact]
    public async Task Audit_log_refuses_update_delete_and_truncate()
    {
        await using var connection = new NpgsqlConnection(await MigratedDatabaseAsync());
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO audit_log (at, actor_id, actor_role, action, subject_type, subject_id) VALUES (now(), 'agent-mueller', 'Agent', 'conversation.read', 'conversation', 'x')",
            connection))
        {
            await insert.ExecuteNonQueryAsync();
        }
        foreach (var sql in new[] { "UPDATE audit_log SET actor_id = 'jemand'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_log", connection);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
