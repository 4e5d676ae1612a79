using Kasse.Conversations;
using Kasse.Grains.Forms.Sessions;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>The form session tables keep their promises against the real database: append-only, one row per key.</summary>
public sealed class FormSessionTablesTests
{
    [Fact]
    public async Task Session_events_files_and_submissions_refuse_updates_deletes_and_truncation()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("formtables");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        // As the schema owner: the triggers hold even for the owner (the application role may not even try).
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole));
        var id = Guid.NewGuid();
        await using (var log = new PostgresFormSessionLog(dataSource, NullLogger<PostgresFormSessionLog>.Instance))
        {
            var actor = new FormActor("A123456780", ParticipantRole.Insured, "Anna");
            var first = new FormSessionEvent(id, 1, FormSessionEventKind.Edited, actor, "op-1",
                new FormSessionChange(Writes: [new FormValueWrite("ort", "\"Köln\"", 1)]), DateTimeOffset.UtcNow);
            await log.AppendAsync(first);
            // The same operation again on a new seq is answered with the original, and stored once.
            var retry = await log.AppendAsync(first with { Seq = 2 });
            Assert.Equal(1, retry.Seq);
            var stored = Assert.Single(await log.ReadAfterAsync(id, 0));
            Assert.Equal("\"Köln\"", stored.Change.Writes![0].Value);
            // A duplicate among new events (one batch or several): the new ones are stored, the duplicate answered
            // with the original, and the writer goes on.
            var appended = await Task.WhenAll(
                log.AppendAsync(first with { Seq = 2, OperationId = "op-2" }),
                log.AppendAsync(first with { Seq = 4 }),
                log.AppendAsync(first with { Seq = 3, OperationId = "op-3" }));
            Assert.Equal(new long[] { 2, 1, 3 }, appended.Select(e => e.Seq));
            Assert.Equal(new long[] { 1, 2, 3 }, (await log.ReadAfterAsync(id, 0)).Select(e => e.Seq));
        }
        await new PostgresFormFileStore(dataSource).SaveAsync(id, new FormFile(
            "unterlagen", "A123456780", new AttachmentContent(new AttachmentInfo(Guid.NewGuid(), "a.pdf", "application/pdf", 5), "%PDF-"u8.ToArray())));
        await new PostgresFormSubmissionStore(dataSource).AddAsync(new StoredFormSubmission(
            id, "unfallfragebogen", 1, "FS-1", DateTimeOffset.UtcNow, "A123456780", "Anna", "abc", new Dictionary<string, string> { ["ort"] = "\"Köln\"" }));

        foreach (var table in new[] { "form_session_events", "form_files", "form_submissions" })
        {
            foreach (var statement in new[] { $"UPDATE {table} SET session_id = session_id", $"DELETE FROM {table}", $"TRUNCATE {table}" })
            {
                await using var command = dataSource.CreateCommand(statement);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
            }
        }
    }
}
