using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// Consent and confidentiality at grain level: an agent joins only after the insured accepts, loses access the moment
/// the insured ends it, never sees or writes a sensitive field, may start forms only from their own chats, and every
/// look, edit and refusal of an agent is audited.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class FormSessionAccessTests(EmbeddedHostFixture fixture) : IAsyncLifetime
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
    public async Task An_agent_is_refused_before_the_insured_accepts_admitted_after_and_refused_again_after_the_insured_ends_access()
    {
        var (id, session, _) = await _scene.ProposeInChatAsync(FormNames.Accident);
        var invitations = await Eventually.ReturnsAsync(
            () => Task.FromResult(_pushed.InvitationsFor(_scene.Insured.UserId, id)), i => i.Count > 0, TimeSpan.FromSeconds(10), "the invitation");
        var invitation = Assert.Single(invitations);
        Assert.Equal(("Petra Müller", FormOrigin.Chat), (invitation.AgentName, invitation.Origin));

        var early = await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Agent, Set("a-1", "unfallOrt", "\"haushalt\"", 0)));
        var waiting = await session.GetState(_scene.Agent);

        var granted = await session.GrantAccess(_scene.Insured);
        var admitted = await session.Edit(_scene.Agent, Set("a-2", "unfallOrt", "\"haushalt\"", 0));
        await session.Edit(_scene.Insured, Set("i-1", "hergangBeschreibung", "\"Gestolpert.\"", 0));
        var seen = await session.GetState(_scene.Agent);

        await session.RevokeAccess(_scene.Insured);
        var afterRevoke = new[]
        {
            await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Agent, Set("a-3", "unfallOrt", "\"arbeit\"", 1))),
            await Assert.ThrowsAsync<FormException>(() => session.GetState(_scene.Agent)),
            await Assert.ThrowsAsync<FormException>(() => session.Open(_scene.Agent)),
            await Assert.ThrowsAsync<FormException>(() => session.SetFocus(_scene.Agent, "unfall", "unfallOrt")),
        };

        Assert.Equal(FormErrors.AccessNotGranted, early.Code);
        Assert.Equal(FormAccessStatus.Requested, waiting.Access.Status);
        Assert.Empty(waiting.Fields);
        Assert.Equal(FormAccessStatus.Granted, granted.Access.Status);
        Assert.Equal(FormEditStatus.Applied, admitted.Status);
        Assert.Equal("\"Gestolpert.\"", Field(seen, "hergangBeschreibung").Value);
        Assert.All(afterRevoke, refusal => Assert.Equal(FormErrors.AccessNotGranted, refusal.Code));
        Assert.Equal("\"haushalt\"", Field(await session.GetState(_scene.Insured), "unfallOrt").Value);
        // The agent's last pushed state says access ended and carries no answer.
        var last = await _pushed.WaitForStateAsync(_scene.Agent.UserId, id, s => s.Access.Status == FormAccessStatus.Revoked, "the revocation");
        Assert.Empty(last.Fields);
    }

    [Fact]
    public async Task An_agent_sees_a_sensitive_field_masked_in_every_state_and_may_not_write_it()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.SepaMandate);
        await session.Edit(_scene.Insured, Set("i-1", "iban", Iban, 0));
        await session.Edit(_scene.Agent, Set("a-1", "kontoinhaberName", "\"Anna Bergmann\"", 0));

        var agentView = await session.GetState(_scene.Agent);
        var opened = await session.Open(_scene.Agent);
        var refused = await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Agent, Set("a-2", "iban", Iban, 1)));

        foreach (var view in new[] { agentView, opened.State })
        {
            var iban = Field(view, "iban");
            Assert.True(iban.Masked);
            Assert.Null(iban.Value);
            Assert.Null(iban.Error);
        }
        Assert.Equal(FormErrors.FieldSensitive, refused.Code);
        Assert.Equal(Iban, Field(await session.GetState(_scene.Insured), "iban").Value);
        await _pushed.WaitForStateAsync(_scene.Agent.UserId, id, s => ValueIn(s, "kontoinhaberName") is not null, "the agent's state with the name");
        var everyDelivery = string.Join("\n", _pushed.AllFor(_scene.Agent.UserId, id).Select(d => System.Text.Json.JsonSerializer.Serialize(d)));
        Assert.DoesNotContain("DE89370400440532013000", everyDelivery, StringComparison.Ordinal);
        Assert.DoesNotContain("DE89 3704", everyDelivery, StringComparison.Ordinal);
        Assert.Contains("DE89370400440532013000", string.Join("\n", _pushed.AllFor(_scene.Insured.UserId, id).Select(d => System.Text.Json.JsonSerializer.Serialize(d))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_who_does_not_take_part_in_the_chat_may_not_start_a_form_there()
    {
        var conversationId = await _scene.ChatAsync();
        var id = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<FormException>(() => _scene.Session(id).StartForCustomer(
            _scene.OtherAgent, new FormSessionStart(FormNames.Accident, FormOrigin.Chat, "", ConversationId: conversationId)));

        Assert.Equal(FormErrors.NotAssigned, refused.Code);
        Assert.Null(await _scene.Session(id).Describe());
        Assert.Contains(await _scene.AuditAsync(id), a => a.Action == "form.refused" && a.ActorId == _scene.OtherAgent.UserId);
    }

    [Fact]
    public async Task Every_look_and_edit_of_an_agent_is_audited()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);
        var before = (await _scene.AuditAsync(id)).Count(a => a.ActorId == _scene.Agent.UserId);

        await session.Open(_scene.Agent);
        await session.GetState(_scene.Agent);
        await session.Edit(_scene.Agent, Set("a-1", "unfallOrt", "\"haushalt\"", 0));
        await session.Edit(_scene.Agent, Set("a-2", "unfallOrt", "\"arbeit\"", 0)); // a conflict is an edit attempt too
        await session.Edit(_scene.Insured, Set("i-1", "hergangBeschreibung", "\"Gestolpert.\"", 0));

        var rows = (await _scene.AuditAsync(id)).Where(a => a.ActorId == _scene.Agent.UserId).Skip(before).ToArray();
        Assert.Equal(["form.view", "form.view", "form.edit", "form.edit"], rows.Select(a => a.Action).ToArray());
        Assert.All(rows, a => Assert.Equal((_scene.Insured.UserId, "Agent"), (a.InsuredId, a.ActorRole)));
    }

    [Fact]
    public async Task The_insured_may_decline_and_the_agent_may_ask_again()
    {
        var (id, session, conversationId) = await _scene.ProposeInChatAsync(FormNames.Accident);

        var declined = await session.DeclineAccess(_scene.Insured);
        var refused = await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Agent, Set("a-1", "unfallOrt", "\"haushalt\"", 0)));
        var again = await session.RequestAccess(_scene.Agent, FormOrigin.Chat, conversationId.ToString());
        var granted = await session.GrantAccess(_scene.Insured);

        Assert.Equal(FormAccessStatus.Declined, declined.Access.Status);
        Assert.Equal(FormErrors.AccessNotGranted, refused.Code);
        Assert.Equal(FormAccessStatus.Requested, again.Access.Status);
        Assert.Equal(FormAccessStatus.Granted, granted.Access.Status);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(_pushed.InvitationsFor(_scene.Insured.UserId, id).Count), n => n == 2, TimeSpan.FromSeconds(10), "the second invitation");
        var other = await Assert.ThrowsAsync<FormException>(() => session.GrantAccess(_scene.Agent));
        Assert.Equal(FormErrors.Forbidden, other.Code);
    }

    [Fact]
    public async Task Presence_of_the_insured_and_the_admitted_agent_is_pushed_and_part_of_the_state()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);

        await session.SetFocus(_scene.Insured, "beteiligte", "dritterBeteiligt");
        await session.SetFocus(_scene.Agent, "unfall", null);

        var state = await session.GetState(_scene.Agent);
        Assert.Equal(
            [(_scene.Insured.UserId, "beteiligte", "dritterBeteiligt"), (_scene.Agent.UserId, "unfall", (string?)null)],
            state.Participants.Select(p => (p.UserId, p.StepId, p.FieldPath)).ToArray());
        await Eventually.ReturnsAsync(
            () => Task.FromResult(_pushed.PresenceFor(_scene.Agent.UserId, id).LastOrDefault()),
            notice => notice?.Participants.Count == 2, TimeSpan.FromSeconds(10), "the presence notice to the agent");

        await session.Leave(_scene.Agent);
        Assert.Equal([_scene.Insured.UserId], (await session.GetState(_scene.Insured)).Participants.Select(p => p.UserId).ToArray());
    }
}
