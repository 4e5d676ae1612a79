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
    public async Task History_answers_a_late_retry_with_the_original_and_stores_the_client_message_id_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var history = new PostgresConversationHistory(dataSource, NullLogger<PostgresConversationHistory>.Instance);
        var id = Guid.NewGuid();
        var original = Message(id, 1, "A123456780", "c-1", "Erste Nachricht");
        await history.AppendAsync(original);
        await history.AppendAsync(new ConversationEvent(
            id, 2, ConversationEventKind.AgentJoined, "agent-mueller", ParticipantRole.Agent, "Müller", null, null, DateTimeOffset.UtcNow));
        await history.AppendAsync(new ConversationEvent(
            id, 3, ConversationEventKind.Read, "agent-mueller", ParticipantRole.Agent, "Müller", null, "1", DateTimeOffset.UtcNow));

        // The same sender's id again on a new seq, in one batch with an event of another sender with the same id.
        var retried = history.AppendAsync(Message(id, 4, "A123456780", "c-1", "Erste Nachricht"));
        var otherSender = history.AppendAsync(Message(id, 5, "agent-mueller", "c-1", "Gleiche Kennung, andere Person") with { SenderRole = ParticipantRole.Agent });
        var stored = await retried;

        Assert.Equal(1, stored.Seq);
        Assert.Equal(5, (await otherSender).Seq);
        Assert.Equal(1, (await history.FindByClientMessageIdAsync(id, "A123456780", "c-1"))!.Seq);
        Assert.Null(await history.FindByClientMessageIdAsync(id, "A123456780", "c-2"));
        Assert.Equal([1L, 2, 3, 5], (await history.ReadAfterAsync(id, 0, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task The_client_message_id_key_keeps_rows_that_older_versions_stored_twice()
    {
        var connectionString = await MigratedDatabaseAsync();
        var owner = PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole);
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        // A database as an older version left it: no key, and a late retry stored a second time.
        var id = Guid.NewGuid();
        await using (var drop = new NpgsqlCommand("DROP INDEX conversation_events_client_message", connection))
            await drop.ExecuteNonQueryAsync();
        await using (var setup = new NpgsqlCommand(
            """
            INSERT INTO conversation_events (conversation_id, seq, kind, sender_id, sender_role, sender_name, client_message_id, body, at)
            VALUES ($1, 1, 1, 'A123456780', 0, 'Anna', 'c-1', 'Hallo', now()), ($1, 2, 1, 'A123456780', 0, 'Anna', 'c-1', 'Hallo', now());
            """, connection)
        { Parameters = { new NpgsqlParameter { Value = id } } })
        {
            await setup.ExecuteNonQueryAsync();
        }

        await DatabaseMigrator.ApplyAsync(owner, NullLogger.Instance);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var history = new PostgresConversationHistory(dataSource, NullLogger<PostgresConversationHistory>.Instance);
        var rows = await history.ReadAfterAsync(id, 0, 10);
        Assert.Equal([("c-1", 1L), (null, 2L)], rows.Select(e => (e.ClientMessageId, e.Seq)));
        Assert.Equal(1, (await history.AppendAsync(Message(id, 3, "A123456780", "c-1", "Hallo"))).Seq);
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
    public async Task Audit_log_refuses_update_delete_and_truncate_even_to_the_schema_owner()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.WithUser(await MigratedDatabaseAsync(), PostgresServer.OwnerRole));
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
