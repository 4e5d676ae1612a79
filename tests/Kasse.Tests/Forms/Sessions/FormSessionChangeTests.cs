using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// What an edit pushes (docs/forms.md, "What participants are pushed"): a <see cref="FormViewChange"/> per participant
/// with only the fields that changed, following the state before it by seq, masked for the agent; a whole state when
/// paths appear or go. Applied to the state before, it gives exactly the state the session now has.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class FormSessionChangeTests(EmbeddedHostFixture fixture) : IAsyncLifetime
{
    private const string Iban = "\"DE89370400440532013000\"";
    private FormSessionScene _scene = null!;
    private CapturedDeliveries _pushed = null!;

    public async Task InitializeAsync()
    {
        _scene = await OnPublishedAsync(fixture.Host);
        _pushed = await CapturedDeliveries.StartAsync(fixture.Host);
    }

    public async Task DisposeAsync() => await _pushed.DisposeAsync();

    [Fact]
    public async Task An_edit_pushes_each_participant_only_the_edited_field_after_the_seq_before()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);
        var before = await session.GetState(_scene.Insured);

        var result = await session.Edit(_scene.Agent, Set("a-1", "hergangBeschreibung", "\"Von der Leiter gefallen.\"", 0));

        foreach (var user in new[] { _scene.Insured.UserId, _scene.Agent.UserId })
        {
            var change = await ChangeAsync(user, id, result.Seq);
            Assert.Equal(before.Seq, change.BaseSeq);
            var field = Assert.Single(change.Fields);
            Assert.Equal(("hergangBeschreibung", "\"Von der Leiter gefallen.\"", 1L, ParticipantRole.Agent), (field.Path, field.Value, field.Version, field.LastWriterRole!.Value));
            Assert.Equal(before.Steps.Count, change.Steps.Count);
        }
        // Applied to the state before, the change gives the state the session has now.
        var applied = Assert.IsType<FormViewState>((await ChangeAsync(_scene.Insured.UserId, id, result.Seq)).ApplyTo(before));
        var now = await session.GetState(_scene.Insured);
        Assert.Equal(now.Seq, applied.Seq);
        Assert.Equal(now.Fields, applied.Fields);
        Assert.Equal(now.Steps, applied.Steps);
        Assert.Equal(now.Complete, applied.Complete);
    }

    [Fact]
    public async Task An_edit_that_shows_other_fields_lists_them_with_their_new_visibility()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);

        var result = await session.Edit(_scene.Insured, Set("i-1", "dritterBeteiligt", "true", 0));

        var change = await ChangeAsync(_scene.Agent.UserId, id, result.Seq);
        Assert.Equal(["dritterBeteiligt", "dritterName", "dritterVersicherung"], change.Fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(change.Fields, f => Assert.True(f.Visible));
        Assert.True(change.Fields.Single(f => f.Path == "dritterName").Required);
    }

    [Fact]
    public async Task The_agents_change_of_a_sensitive_edit_names_the_field_masked_and_never_its_value()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.SepaMandate);

        var result = await session.Edit(_scene.Insured, Set("i-1", "iban", Iban, 0));

        var atAgent = Assert.Single((await ChangeAsync(_scene.Agent.UserId, id, result.Seq)).Fields, f => f.Path == "iban");
        Assert.Equal((true, null, 1L), (atAgent.Masked, atAgent.Value, atAgent.Version));
        var atInsured = Assert.Single((await ChangeAsync(_scene.Insured.UserId, id, result.Seq)).Fields, f => f.Path == "iban");
        Assert.Equal((false, Iban), (atInsured.Masked, atInsured.Value));
    }

    [Fact]
    public async Task An_edit_that_asks_for_its_change_gets_the_editors_change_in_the_answer_and_only_the_editors_push_names_the_operation()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.SepaMandate);
        await session.Edit(_scene.Insured, Set("i-1", "iban", Iban, 0));

        var result = await session.Edit(_scene.Agent, Set("a-1", "ort", "\"Kiel\"", 0) with { AnswerWithChange = true });
        var old = await session.Edit(_scene.Agent, Set("a-2", "ort", "\"Lübeck\"", result.Field.Version));

        var answered = Assert.IsType<FormViewChange>(result.Change);
        var pushed = await ChangeAsync(_scene.Agent.UserId, id, result.Seq);
        Assert.Equal((result.Seq, result.Seq - 1), (answered.Seq, answered.BaseSeq));
        Assert.Equal(pushed.Fields, answered.Fields); // the agent's own, masked copy
        Assert.Equal(pushed.Steps, answered.Steps);
        await ChangeAsync(_scene.Insured.UserId, id, result.Seq);
        var deliveries = _pushed.AllFor(_scene.Agent.UserId, id).Concat(_pushed.AllFor(_scene.Insured.UserId, id))
            .Where(d => d.FormChange?.Seq == result.Seq).ToArray();
        Assert.Equal("a-1", Assert.Single(deliveries, d => d.UserIds.Contains(_scene.Agent.UserId)).FormOperationId);
        Assert.Null(Assert.Single(deliveries, d => d.UserIds.Contains(_scene.Insured.UserId)).FormOperationId);
        // A client that does not ask gets the answer as before, and its push names no operation.
        Assert.Null(old.Change);
        Assert.Null(Assert.Single(_pushed.AllFor(_scene.Agent.UserId, id), d => d.FormChange?.Seq == old.Seq && d.UserIds.Contains(_scene.Agent.UserId)).FormOperationId);
        // A conflict carries no change.
        var conflict = await session.Edit(_scene.Insured, Set("i-2", "ort", "\"Kiel\"", 0) with { AnswerWithChange = true });
        Assert.Equal((FormEditStatus.Conflict, (FormViewChange?)null), (conflict.Status, conflict.Change));
    }

    [Fact]
    public async Task Adding_a_row_pushes_the_whole_state_because_paths_appear()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);
        await session.Edit(_scene.Insured, Set("i-1", "zeugenVorhanden", "true", 0));

        var added = await session.Edit(_scene.Agent, new FormEdit("a-1", "zeugen[w1]", null, 0, FormEditKind.AddRow));

        Assert.Equal(FormEditStatus.Applied, added.Status);
        foreach (var user in new[] { _scene.Insured.UserId, _scene.Agent.UserId })
        {
            var state = await _pushed.WaitForStateAsync(user, id, s => s.Seq == added.Seq, "the state with the new row");
            Assert.Contains(state.Fields, f => f.Path.StartsWith("zeugen[w1].", StringComparison.Ordinal));
            Assert.DoesNotContain(_pushed.ChangesFor(user, id), c => c.Seq == added.Seq);
        }
    }

    [Fact]
    public void A_change_applies_only_to_the_state_with_its_base_seq()
    {
        var sessionId = Guid.NewGuid();
        var state = new FormViewState(
            sessionId, 4, "f", 1, FormSessionStatus.Open,
            [new FieldState("a", "\"x\"", 1, ParticipantRole.Insured, "I", true, true, true, null), new FieldState("b", null, 0, null, null, true, false, true, null)],
            [new StepState("s", true, false)], new FormAccess(FormAccessStatus.None, null, null, null), [], false, "FS-1", DateTimeOffset.UnixEpoch);
        var change = new FormViewChange(
            sessionId, 5, 4, [new FieldState("b", "\"y\"", 1, ParticipantRole.Agent, "A", true, false, true, null)], [new StepState("s", true, true)], true, DateTimeOffset.UnixEpoch.AddMinutes(1));

        var applied = change.ApplyTo(state);

        Assert.NotNull(applied);
        Assert.Equal(5, applied.Seq);
        Assert.Equal(["\"x\"", "\"y\""], applied.Fields.Select(f => f.Value));
        Assert.True(applied.Steps[0].HasErrors);
        Assert.True(applied.Complete);
        Assert.Null(change.ApplyTo(state with { Seq = 3 }));
        Assert.Null(change.ApplyTo(state with { Seq = 5 }));
        Assert.Null(change.ApplyTo(state with { SessionId = Guid.NewGuid() }));
    }

    private async Task<FormViewChange> ChangeAsync(string userId, Guid sessionId, long seq)
    {
        await _pushed.WaitForStateAsync(userId, sessionId, s => s.Seq >= seq, $"the change with seq {seq}");
        return Assert.Single(_pushed.ChangesFor(userId, sessionId), c => c.Seq == seq);
    }
}
