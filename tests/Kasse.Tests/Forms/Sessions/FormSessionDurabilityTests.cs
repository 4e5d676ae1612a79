using Kasse.Forms;
using Kasse.Grains.Forms.Sessions;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// Drafts survive: on PostgreSQL every accepted change is a row of form_session_events before it is answered, and an
/// activation — after deactivation or on another host process — is the stored snapshot plus the events after it.
/// </summary>
public sealed class FormSessionDurabilityTests
{
    /// <summary>Settings for a host on a fresh database of the shared test PostgreSQL, in a cluster of its own.</summary>
    internal static async Task<Dictionary<string, string>> PostgresSettingsAsync(string name)
    {
        var postgres = await PostgresServer.SharedAsync();
        return new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync(name),
            ["Orleans:ClusterId"] = $"{name}-{Guid.NewGuid():N}",
        };
    }

    [Fact]
    public async Task A_draft_survives_deactivation_and_a_host_restart_on_postgresql()
    {
        var settings = await PostgresSettingsAsync("formdraft");
        Guid id;
        FormViewState before;
        FormEditResult firstEdit;
        FormSessionScene scene;
        await using (var first = await KasseTestHost.StartAsync(settings: settings))
        {
            scene = await OnPublishedAsync(first);
            (id, var session, _) = await scene.StartInPortalAsync(FormNames.Accident);
            firstEdit = await session.Edit(scene.Insured, Set("d-0", "hergangBeschreibung", "\"Version 0\"", 0));
            // More edits than a snapshot covers, so the restart needs snapshot and events.
            for (var i = 1; i <= FormSessionGrain.SnapshotEvery + 3; i++)
                await session.Edit(scene.Insured, Set($"d-{i}", "hergangBeschreibung", $"\"Version {i}\"", i));
            await session.Edit(scene.Insured, Set("d-place", "unfallOrt", "\"verkehr\"", 0));
            await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            before = await session.GetState(scene.Insured);
        }

        await using var second = await KasseTestHost.StartAsync(settings: settings);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IFormSessionGrain>(id);
        var after = await again.GetState(scene.Insured);
        var retry = await again.Edit(scene.Insured, Set("d-0", "hergangBeschreibung", "\"Version 0\"", 0));

        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(Fields(before), Fields(after));
        Assert.Equal($"\"Version {FormSessionGrain.SnapshotEvery + 3}\"", Field(after, "hergangBeschreibung").Value);
        Assert.Equal(FormSessionGrain.SnapshotEvery + 4, Field(after, "hergangBeschreibung").Version);
        Assert.Equal((FormEditStatus.Duplicate, firstEdit.Seq), (retry.Status, retry.Seq));
        Assert.Equal(after.Seq, await StorageTestSilo.ScalarAsync<long>(
            settings["ConnectionStrings:Kasse"], "SELECT count(*) FROM form_session_events WHERE session_id = @id", ("id", id)));
    }

    [Fact]
    public async Task An_activation_replays_the_events_its_snapshot_does_not_hold()
    {
        var settings = await PostgresSettingsAsync("formreplay");
        await using var host = await KasseTestHost.StartAsync(settings: settings);
        var scene = await OnPublishedAsync(host);
        var (id, session, _) = await scene.StartInPortalAsync(FormNames.Accident);
        await session.Edit(scene.Insured, Set("r-1", "unfallOrt", "\"haushalt\"", 0));
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var snapshotSeq = (await session.GetState(scene.Insured)).Seq;
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // A change that reached the log but not the snapshot (the silo died in between).
        var insured = new FormActor(scene.Insured.UserId, Kasse.Conversations.ParticipantRole.Insured, scene.Insured.DisplayName);
        await host.Services.GetRequiredService<IFormSessionLog>().AppendAsync(new FormSessionEvent(
            id, snapshotSeq + 1, FormSessionEventKind.Edited, insured, "r-2",
            new FormSessionChange(Writes: [new FormValueWrite("unfallOrt", "\"arbeit\"", 2)]), DateTimeOffset.UtcNow));

        var state = await session.GetState(scene.Insured);
        var retry = await session.Edit(scene.Insured, Set("r-2", "unfallOrt", "\"arbeit\"", 1));

        Assert.Equal(snapshotSeq + 1, state.Seq);
        Assert.Equal(("\"arbeit\"", 2L), (Field(state, "unfallOrt").Value, Field(state, "unfallOrt").Version));
        Assert.Equal((FormEditStatus.Duplicate, snapshotSeq + 1), (retry.Status, retry.Seq));
    }

    [Fact]
    public async Task A_submission_is_one_row_of_form_submissions_and_a_refused_one_stores_none()
    {
        var settings = await PostgresSettingsAsync("formsubmit");
        await using var host = await KasseTestHost.StartAsync(settings: settings);
        var scene = await OnPublishedAsync(host);
        var (id, session, _) = await scene.StartInPortalAsync(FormNames.Accident);
        var answers = AccidentAnswers.WithThirdParty();
        var consent = answers["einwilligung"];
        answers.Remove("einwilligung");
        await EnterAsync(session, scene.Insured, answers);
        var count = () => StorageTestSilo.ScalarAsync<long>(
            settings["ConnectionStrings:Kasse"], "SELECT count(*) FROM form_submissions WHERE session_id = @id", ("id", id));

        var refused = await Assert.ThrowsAsync<FormException>(() => session.Submit(scene.Insured, "s-1"));
        Assert.Equal((FormErrors.Invalid, 0L), (refused.Code, await count()));

        await session.Edit(scene.Insured, Set("consent", "einwilligung", consent, 0));
        var receipt = await session.Submit(scene.Insured, "s-2");
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(receipt, await session.Submit(scene.Insured, "s-3"));
        Assert.Equal(1L, await count());
        Assert.Equal(receipt.ContentHash, await StorageTestSilo.ScalarAsync<string>(
            settings["ConnectionStrings:Kasse"], "SELECT content_hash FROM form_submissions WHERE session_id = @id", ("id", id)));
        Assert.Equal(FormSubmissionOutcome.RoutedToClerk, receipt.Outcome);
    }

    private static (string Path, string? Value, long Version)[] Fields(FormViewState state) =>
        state.Fields.Select(f => (f.Path, f.Value, f.Version)).ToArray();
}
