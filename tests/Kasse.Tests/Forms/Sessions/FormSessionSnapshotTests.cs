using Kasse.Forms;
using Kasse.Grains.Forms.Sessions;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// The stored snapshot of a session is its document only, written at a phase of its own: the answers to recent
/// operation ids are rebuilt from the session log on activation, and sessions edited in step do not snapshot together.
/// All on PostgreSQL (the grain storage and the log as in production).
/// </summary>
public sealed class FormSessionSnapshotTests
{
    private static async Task<(Dictionary<string, string> Settings, string ConnectionString)> PostgresAsync(string name)
    {
        var settings = await FormSessionDurabilityTests.PostgresSettingsAsync(name);
        return (settings, settings["ConnectionStrings:Kasse"]);
    }

    private static async Task<IFormSessionGrain> StartAsync(FormSessionScene scene, Guid id, string caseReference)
    {
        var session = scene.Session(id);
        await session.Start(scene.Insured, new FormSessionStart(FormNames.Accident, FormOrigin.Portal, scene.Insured.UserId, CaseReference: caseReference));
        return session;
    }

    /// <summary>The seq and the JSON text of the snapshot stored for the session with this case reference.</summary>
    private static async Task<(long Seq, string Json)> StoredSnapshotAsync(string connectionString, string caseReference)
    {
        const string Snapshot = "convert_from(payload, 'UTF8')";
        var json = await StorageTestSilo.ScalarAsync<string>(connectionString,
            $"SELECT {Snapshot} FROM orleans_grain_state WHERE grain_type = 'form-session' AND {Snapshot}::jsonb ->> 'CaseReference' = @ref",
            ("ref", caseReference));
        Assert.NotNull(json);
        var seq = await StorageTestSilo.ScalarAsync<string>(connectionString, "SELECT @json::jsonb ->> 'Seq'", ("json", json));
        return (long.Parse(seq!, System.Globalization.CultureInfo.InvariantCulture), json);
    }

    [Fact]
    public async Task A_retry_after_reactivation_gets_its_first_answer_though_the_field_has_moved_on()
    {
        var (settings, connectionString) = await PostgresAsync("formretry");
        await using var host = await KasseTestHost.StartAsync(settings: settings);
        var scene = await OnPublishedAsync(host);
        var session = await StartAsync(scene, Guid.NewGuid(), "FS-RETRY");
        var first = await session.Edit(scene.Insured, Set("o-1", "unfallOrt", "\"haushalt\"", 0));
        await session.Edit(scene.Insured, Set("o-2", "unfallOrt", "\"arbeit\"", 1));
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // Base version 0 is stale now: without the remembered answer this would be a Conflict.
        var retry = await session.Edit(scene.Insured, Set("o-1", "unfallOrt", "\"haushalt\"", 0));

        Assert.Equal((FormEditStatus.Duplicate, first.Seq), (retry.Status, retry.Seq));
        Assert.Equal(("\"haushalt\"", 1L), (retry.Field.Value, retry.Field.Version));
        var place = Field(await session.GetState(scene.Insured), "unfallOrt");
        Assert.Equal(("\"arbeit\"", 2L), (place.Value, place.Version));
        // The snapshot holds the document, not the operations.
        var (_, json) = await StoredSnapshotAsync(connectionString, "FS-RETRY");
        Assert.DoesNotContain("o-1", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_restored_from_its_snapshot_and_the_log_after_it_has_the_same_values_versions_and_answers()
    {
        var (settings, connectionString) = await PostgresAsync("formrestore");
        await using var host = await KasseTestHost.StartAsync(settings: settings, configure: builder =>
        {
            builder.Services.AddSingleton<PostgresFormSessionLog>();
            builder.Services.AddSingleton(sp => new FlakyFormSessionLog(sp.GetRequiredService<PostgresFormSessionLog>()));
            builder.Services.AddSingleton<IFormSessionLog>(sp => sp.GetRequiredService<FlakyFormSessionLog>());
        });
        var scene = await OnPublishedAsync(host);
        var session = await StartAsync(scene, Guid.NewGuid(), "FS-RESTORE");
        // Past one snapshot of the cycle and a few edits beyond it, so the activation needs both.
        var answers = new List<FormEditResult>();
        for (var i = 0; i < FormSessionGrain.SnapshotEvery + 5; i++)
            answers.Add(await session.Edit(scene.Insured, Set($"h-{i}", "hergangBeschreibung", $"\"Fassung {i}\"", i)));
        var before = await session.GetState(scene.Insured);
        var (snapshotSeq, _) = await StoredSnapshotAsync(connectionString, "FS-RESTORE");
        Assert.InRange(snapshotSeq, before.Seq - FormSessionGrain.SnapshotEvery + 1, before.Seq - 1);

        // An append whose answer is lost: the activation goes without writing a snapshot (its memory may be stale).
        host.Services.GetRequiredService<FlakyFormSessionLog>().FailNext("place", afterStoring: true);
        await Assert.ThrowsAnyAsync<Exception>(() => session.Edit(scene.Insured, Set("place", "unfallOrt", "\"verkehr\"", 0)));
        var after = await session.GetState(scene.Insured);

        Assert.Equal(snapshotSeq, (await StoredSnapshotAsync(connectionString, "FS-RESTORE")).Seq);
        Assert.Equal(before.Seq + 1, after.Seq);
        Assert.Equal(
            before.Fields.Where(f => f.Path != "unfallOrt").Select(f => (f.Path, f.Value, f.Version)),
            after.Fields.Where(f => f.Path != "unfallOrt").Select(f => (f.Path, f.Value, f.Version)));
        Assert.Equal(("\"verkehr\"", 1L), (Field(after, "unfallOrt").Value, Field(after, "unfallOrt").Version));
        // Retries of an operation before the snapshot, one after it, and the lost one: each its first answer.
        foreach (var i in new[] { 0, (int)snapshotSeq - 1, FormSessionGrain.SnapshotEvery + 4 })
        {
            var retry = await session.Edit(scene.Insured, Set($"h-{i}", "hergangBeschreibung", $"\"Fassung {i}\"", i));
            Assert.Equal((FormEditStatus.Duplicate, answers[i].Seq, answers[i].Field.Version), (retry.Status, retry.Seq, retry.Field.Version));
        }
        var lost = await session.Edit(scene.Insured, Set("place", "unfallOrt", "\"verkehr\"", 0));
        Assert.Equal((FormEditStatus.Duplicate, after.Seq), (lost.Status, lost.Seq));
    }

    [Fact]
    public async Task A_snapshot_stored_with_remembered_operations_as_before_still_loads_and_answers_retries_from_the_log()
    {
        var (settings, connectionString) = await PostgresAsync("formoldsnapshot");
        await using var host = await KasseTestHost.StartAsync(settings: settings);
        var scene = await OnPublishedAsync(host);
        var session = await StartAsync(scene, Guid.NewGuid(), "FS-OLD");
        var first = await session.Edit(scene.Insured, Set("o-1", "unfallOrt", "\"haushalt\"", 0));
        await session.Edit(scene.Insured, Set("o-2", "unfallOrt", "\"arbeit\"", 1));
        var before = await session.GetState(scene.Insured);
        // Deactivation writes the snapshot of the last seq unless one is stored already; once it is, nothing writes
        // again. Then it is given the property snapshots had until 2026-12-08 (the remembered operations), appended as
        // text so the document's own member order stays as the serializer wrote it.
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var (_, stored) = await Eventually.ReturnsAsync(
            () => StoredSnapshotAsync(connectionString, "FS-OLD"), s => s.Seq == before.Seq, TimeSpan.FromSeconds(10), "the snapshot at deactivation");
        const string OldOperations =
            ""","Operations":[{"UserId":"someone-else","OperationId":"o-9","Seq":1,"Field":null}]}""";
        var updated = await StorageTestSilo.ScalarAsync<int>(connectionString,
            "UPDATE orleans_grain_state SET payload = convert_to(@json, 'UTF8') WHERE convert_from(payload, 'UTF8') = @stored RETURNING 1",
            ("json", stored.TrimEnd()[..^1] + OldOperations), ("stored", stored));
        Assert.Equal(1, updated);

        var after = await session.GetState(scene.Insured);
        var retry = await session.Edit(scene.Insured, Set("o-1", "unfallOrt", "\"haushalt\"", 0));

        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(before.Fields.Select(f => (f.Path, f.Value, f.Version)), after.Fields.Select(f => (f.Path, f.Value, f.Version)));
        Assert.Equal((FormEditStatus.Duplicate, first.Seq), (retry.Status, retry.Seq));
    }

    [Fact]
    public async Task Sessions_edited_in_step_write_their_snapshots_at_different_seqs()
    {
        var (settings, connectionString) = await PostgresAsync("formphase");
        await using var host = await KasseTestHost.StartAsync(settings: settings);
        var scene = await OnPublishedAsync(host);
        // Fixed ids, so the test is the same every run; nothing else about them is special.
        var ids = new[] { "3f2c8a51-0b7e-4d2a-9c61-5e8f0d3a7b14", "a90d4e27-61c3-4b8f-8e25-0c7b9f1d2e63", "5b7e1c09-d28a-4f36-b1e4-9a3c6d0f8e25", "c4e92f7a-3d15-4a6b-9f08-2b1e7c5d4a96" }
            .Select(Guid.Parse).ToArray();
        var sessions = new List<IFormSessionGrain>();
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
            sessions.Add(await StartAsync(scene, id, $"FS-PHASE-{n}"));

        for (var i = 0; i < FormSessionGrain.SnapshotEvery; i++)
            await Task.WhenAll(sessions.Select(s => s.Edit(scene.Insured, Set($"p-{i}", "hergangBeschreibung", $"\"Fassung {i}\"", i))));

        var seq = (await sessions[0].GetState(scene.Insured)).Seq;
        var snapshotSeqs = new List<long>();
        for (var n = 0; n < ids.Length; n++)
            snapshotSeqs.Add((await StoredSnapshotAsync(connectionString, $"FS-PHASE-{n}")).Seq);
        // All of them took one in the cycle (at most SnapshotEvery edits apart), none at the same seq as another.
        Assert.All(snapshotSeqs, s => Assert.InRange(s, seq - FormSessionGrain.SnapshotEvery + 1, seq));
        Assert.Equal(ids.Length, snapshotSeqs.Distinct().Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_log_tail_is_the_last_operations_up_to_a_seq_with_their_answers_and_the_events_after_it(bool postgres)
    {
        await using var owned = postgres ? await PostgresLogAsync() : null;
        IFormSessionLog log = owned is null ? new InMemoryFormSessionLog() : owned.Log;
        var id = Guid.NewGuid();
        var actor = new FormActor("A123456780", Kasse.Conversations.ParticipantRole.Insured, "Anna");
        for (var seq = 1; seq <= 6; seq++)
        {
            // Seq 3 has no operation id (an access change); the others are edits with their answers.
            var result = new FieldState("ort", $"\"{seq}\"", seq, Kasse.Conversations.ParticipantRole.Insured, "Anna", true, false, true, null);
            await log.AppendAsync(seq == 3
                ? new FormSessionEvent(id, seq, FormSessionEventKind.AccessChanged, actor, null, new FormSessionChange(), DateTimeOffset.UtcNow)
                : new FormSessionEvent(id, seq, FormSessionEventKind.Edited, actor, $"op-{seq}",
                    new FormSessionChange(Writes: [new FormValueWrite("ort", $"\"{seq}\"", seq)], Result: result), DateTimeOffset.UtcNow));
        }

        var tail = await log.ReadTailAsync(id, afterSeq: 5, operations: 3);

        Assert.Equal(new long[] { 2, 4, 5 }, tail.Operations.Select(o => o.Seq));
        Assert.Equal(new[] { "op-2", "op-4", "op-5" }, tail.Operations.Select(o => o.OperationId));
        Assert.Equal(new[] { "\"2\"", "\"4\"", "\"5\"" }, tail.Operations.Select(o => o.Field?.Value));
        Assert.Equal(6, Assert.Single(tail.Events).Seq);
    }

    private static async Task<OwnedLog> PostgresLogAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("formtail");
        await Kasse.Silo.Storage.DatabaseMigrator.ApplyAsync(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        return new OwnedLog(dataSource, new PostgresFormSessionLog(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresFormSessionLog>.Instance));
    }

    private sealed class OwnedLog(Npgsql.NpgsqlDataSource dataSource, PostgresFormSessionLog log) : IAsyncDisposable
    {
        public PostgresFormSessionLog Log => log;

        public async ValueTask DisposeAsync()
        {
            await log.DisposeAsync();
            await dataSource.DisposeAsync();
        }
    }
}
