using Kasse.Conversations;
using Kasse.Grains.Audit;
using Kasse.Grains.Conversations;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Storage;

/// <summary>
/// The shared group-commit writer behind the append-only tables: many callers' appends go into one insert, and yet one
/// row the table refuses fails only its own caller.
/// </summary>
public sealed class GroupCommitWriterTests
{
    private static async Task<string> MigratedDatabaseAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("groupcommit");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    [Fact]
    public async Task A_message_the_table_refuses_fails_only_its_sender_and_the_rest_of_its_batch_is_stored()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var history = new PostgresConversationHistory(dataSource, NullLogger<PostgresConversationHistory>.Instance);
        var conversations = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();

        // Queued back to back, so they share batches; the one in the middle holds a NUL, which PostgreSQL refuses in text.
        var appends = conversations.Select((id, i) => history.AppendAsync(new ConversationEvent(
            id, 1, ConversationEventKind.Message, "A123456780", ParticipantRole.Insured, "Anna", $"c-{i}",
            i == 100 ? "kaputt\0" : $"Nachricht {i}", DateTimeOffset.UtcNow))).ToArray();

        await Assert.ThrowsAnyAsync<Exception>(() => appends[100]);
        for (var i = 0; i < conversations.Length; i++)
        {
            if (i == 100)
                continue;
            Assert.Equal(1, (await appends[i]).Seq);
            Assert.Equal($"Nachricht {i}", Assert.Single(await history.ReadAfterAsync(conversations[i], 0, 10)).Text);
        }
        Assert.Empty(await history.ReadAfterAsync(conversations[100], 0, 10));
    }

    [Fact]
    public async Task Audit_entries_appended_at_once_are_all_stored_in_the_order_they_were_appended()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var trail = new PostgresAuditTrail(dataSource, NullLogger<PostgresAuditTrail>.Instance);
        var at = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => trail.AppendAsync(
            new AuditEntry(at.AddSeconds(i), "agent-mueller", "Agent", "customer.read", "customer", "k-1", i % 2 == 0 ? null : "X123"))));

        var stored = await trail.ReadBySubjectAsync("customer", "k-1", 1000);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => at.AddSeconds(i)), stored.Select(e => e.At));
        Assert.Equal(150, stored.Count(e => e.InsuredId == "X123"));
    }
}
