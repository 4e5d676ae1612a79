using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Orleans.Core.Internal;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// The co-browse document at grain level, on a real host: versions per field, conflicts only on the same field, retries
/// that change nothing, clear-on-hide, repeating-group rows, and the sequenced state every participant is pushed.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class FormSessionEditTests(EmbeddedHostFixture fixture) : IAsyncLifetime
{
    private FormSessionScene _scene = null!;
    private CapturedDeliveries _pushed = null!;

    public async Task InitializeAsync()
    {
        _scene = await OnPublishedAsync(fixture.Host);
        _pushed = await CapturedDeliveries.StartAsync(fixture.Host);
    }

    public async Task DisposeAsync() => await _pushed.DisposeAsync();

    [Fact]
    public async Task Edits_of_different_fields_sent_at_the_same_moment_both_apply()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);

        var results = await Task.WhenAll(
            session.Edit(_scene.Insured, Set("i-1", "hergangBeschreibung", "\"Von der Leiter gefallen.\"", 0)),
            session.Edit(_scene.Agent, Set("a-1", "unfallOrt", "\"haushalt\"", 0)));

        Assert.All(results, r => Assert.Equal(FormEditStatus.Applied, r.Status));
        var state = await session.GetState(_scene.Insured);
        Assert.Equal("\"Von der Leiter gefallen.\"", Field(state, "hergangBeschreibung").Value);
        Assert.Equal("\"haushalt\"", Field(state, "unfallOrt").Value);
        Assert.Equal((1L, ParticipantRole.Agent, "Petra Müller"), (Field(state, "unfallOrt").Version, Field(state, "unfallOrt").LastWriterRole!.Value, Field(state, "unfallOrt").LastWriterName));
        Assert.Equal(ParticipantRole.Insured, Field(state, "hergangBeschreibung").LastWriterRole);
        // Each sees the other's value in a pushed state.
        await _pushed.WaitForStateAsync(_scene.Agent.UserId, id, s => ValueIn(s, "hergangBeschreibung") is not null && ValueIn(s, "unfallOrt") is not null, "the agent's state with both values");
        await _pushed.WaitForStateAsync(_scene.Insured.UserId, id, s => ValueIn(s, "hergangBeschreibung") is not null && ValueIn(s, "unfallOrt") is not null, "the insured's state with both values");
    }

    [Fact]
    public async Task Two_edits_of_one_field_from_the_same_version_apply_once_and_the_other_gets_a_conflict_with_the_winners_value_and_writer()
    {
        var (_, session) = await _scene.SharedAsync(FormNames.Accident);

        var results = await Task.WhenAll(
            session.Edit(_scene.Insured, Set("i-1", "hergangBeschreibung", "\"Gestolpert.\"", 0)),
            session.Edit(_scene.Agent, Set("a-1", "hergangBeschreibung", "\"Ausgerutscht.\"", 0)));

        var applied = Assert.Single(results, r => r.Status == FormEditStatus.Applied);
        var conflict = Assert.Single(results, r => r.Status == FormEditStatus.Conflict);
        Assert.Equal(applied.Field.Value, conflict.Field.Value);
        Assert.Equal(1, conflict.Field.Version);
        Assert.Equal(applied.Field.LastWriterRole, conflict.Field.LastWriterRole);
        Assert.Equal(applied.Field.LastWriterName, conflict.Field.LastWriterName);
        var state = await session.GetState(_scene.Insured);
        Assert.Equal(applied.Field.Value, Field(state, "hergangBeschreibung").Value);
        Assert.Equal(1, Field(state, "hergangBeschreibung").Version);
    }

    [Fact]
    public async Task A_retried_operation_id_changes_nothing_also_after_the_session_was_deactivated()
    {
        var (_, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        var first = await session.Edit(_scene.Insured, Set("op-1", "hergangBeschreibung", "\"Gestolpert.\"", 0));
        await session.Edit(_scene.Insured, Set("op-2", "hergangBeschreibung", "\"Auf der Treppe gestolpert.\"", 1));

        var retry = await session.Edit(_scene.Insured, Set("op-1", "hergangBeschreibung", "\"Gestolpert.\"", 0));
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var retryAfterDeactivation = await session.Edit(_scene.Insured, Set("op-1", "hergangBeschreibung", "\"Gestolpert.\"", 0));

        Assert.Equal(FormEditStatus.Applied, first.Status);
        foreach (var again in new[] { retry, retryAfterDeactivation })
        {
            Assert.Equal(FormEditStatus.Duplicate, again.Status);
            Assert.Equal(first.Seq, again.Seq);
            Assert.Equal(first.Field, again.Field);
        }
        var state = await session.GetState(_scene.Insured);
        Assert.Equal("\"Auf der Treppe gestolpert.\"", Field(state, "hergangBeschreibung").Value);
        Assert.Equal(2, Field(state, "hergangBeschreibung").Version);
        Assert.Equal(first.Seq + 1, state.Seq);
    }

    [Fact]
    public async Task Answering_no_to_a_third_party_drops_the_third_partys_name()
    {
        var (_, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        await session.Edit(_scene.Insured, Set("e-1", "dritterBeteiligt", "true", 0));
        await session.Edit(_scene.Insured, Set("e-2", "dritterName", "\"Max Muster, Köln\"", 0));

        var no = await session.Edit(_scene.Insured, Set("e-3", "dritterBeteiligt", "false", 1));

        Assert.Equal(FormEditStatus.Applied, no.Status);
        var hidden = Field(await session.GetState(_scene.Insured), "dritterName");
        Assert.False(hidden.Visible);
        Assert.Null(hidden.Value);
        Assert.Equal(2, hidden.Version);
        // Shown again, the field is empty: the value was dropped, not only hidden.
        await session.Edit(_scene.Insured, Set("e-4", "dritterBeteiligt", "true", 2));
        var shown = Field(await session.GetState(_scene.Insured), "dritterName");
        Assert.True(shown.Visible);
        Assert.Null(shown.Value);
    }

    [Fact]
    public async Task Witness_rows_are_added_and_removed_with_their_values()
    {
        var (_, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        await session.Edit(_scene.Insured, Set("e-1", "zeugenVorhanden", "true", 0));

        var added = await session.Edit(_scene.Insured, new FormEdit("e-2", "zeugen[z1]", null, 0, FormEditKind.AddRow));
        await session.Edit(_scene.Insured, new FormEdit("e-3", "zeugen[z2]", null, 1, FormEditKind.AddRow));
        await session.Edit(_scene.Insured, Set("e-4", "zeugen[z1].zeugeName", "\"Erika Zeugin\"", 0));
        var stale = await session.Edit(_scene.Insured, new FormEdit("e-5", "zeugen[z1]", null, 1, FormEditKind.RemoveRow));
        var removed = await session.Edit(_scene.Insured, new FormEdit("e-6", "zeugen[z1]", null, 2, FormEditKind.RemoveRow));

        Assert.Equal(FormEditStatus.Applied, added.Status);
        Assert.Equal("[\"z1\"]", added.Field.Value);
        Assert.Equal(FormEditStatus.Conflict, stale.Status);
        Assert.Equal(FormEditStatus.Applied, removed.Status);
        var state = await session.GetState(_scene.Insured);
        Assert.Equal("[\"z2\"]", Field(state, "zeugen").Value);
        Assert.DoesNotContain(state.Fields, f => f.Path.StartsWith("zeugen[z1]", StringComparison.Ordinal));
        Assert.Contains(state.Fields, f => f.Path == "zeugen[z2].zeugeName");
        var unknown = await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Insured, Set("e-7", "zeugen[z1].zeugeName", "\"Spät\"", 1)));
        Assert.Equal(FormErrors.UnknownField, unknown.Code);
    }

    [Fact]
    public async Task Every_accepted_change_raises_the_seq_by_one_and_every_participants_pushed_state_carries_it()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);
        var start = (await session.GetState(_scene.Insured)).Seq;

        var seqs = new List<long>
        {
            (await session.Edit(_scene.Insured, Set("e-1", "hergangBeschreibung", "\"Gestolpert.\"", 0))).Seq,
            (await session.Edit(_scene.Agent, Set("e-2", "unfallOrt", "\"haushalt\"", 0))).Seq,
            (await session.Edit(_scene.Insured, Set("e-1", "hergangBeschreibung", "\"Gestolpert.\"", 0))).Seq, // a retry: no change
            (await session.Edit(_scene.Agent, Set("e-3", "unfallOrt", "\"arbeit\"", 0))).Seq, // a conflict: no change
            (await session.Edit(_scene.Insured, Set("e-4", "unfallDatum", DaysAgo(2), 0))).Seq,
        };

        Assert.Equal([start + 1, start + 2, start + 1, start + 2, start + 3], seqs);
        foreach (var user in new[] { _scene.Insured.UserId, _scene.Agent.UserId })
        {
            await _pushed.WaitForStateAsync(user, id, s => s.Seq == start + 3, $"the state with seq {start + 3}");
            var pushed = _pushed.StatesFor(user, id).Select(s => s.Seq).Where(s => s > start).Distinct().Order().ToArray();
            Assert.Equal([start + 1, start + 2, start + 3], pushed);
        }
        var last = _pushed.StatesFor(_scene.Agent.UserId, id).Single(s => s.Seq == start + 3);
        Assert.Equal("\"haushalt\"", Field(last, "unfallOrt").Value);
    }

    [Fact]
    public async Task Invalid_edits_are_refused_with_their_codes_and_change_nothing()
    {
        var (_, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        var seq = (await session.GetState(_scene.Insured)).Seq;

        async Task<string> RefusalAsync(FormEdit edit) => (await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Insured, edit))).Code;

        Assert.Equal(FormErrors.UnknownField, await RefusalAsync(Set("x-1", "gibtEsNicht", "\"x\"", 0)));
        Assert.Equal(FormErrors.FieldNotEditable, await RefusalAsync(Set("x-2", "dritterName", "\"x\"", 0)));
        Assert.Equal(FormErrors.ValueInvalid, await RefusalAsync(Set("x-3", "unfallDatum", "42", 0)));
        Assert.Equal(FormErrors.OperationIdInvalid, await RefusalAsync(Set("kein gültiger Vorgang", "unfallOrt", "\"haushalt\"", 0)));
        var stranger = new Participant("X999999999", ParticipantRole.Insured, "Fremde Person");
        var forbidden = await Assert.ThrowsAsync<FormException>(() => session.Edit(stranger, Set("x-4", "unfallOrt", "\"haushalt\"", 0)));
        Assert.Equal(FormErrors.Forbidden, forbidden.Code);
        Assert.Equal(seq, (await session.GetState(_scene.Insured)).Seq);
    }
}
