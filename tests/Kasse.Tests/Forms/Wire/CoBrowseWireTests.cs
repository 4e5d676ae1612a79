using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>Two people in one form over the real hubs: pushes, consent, conflicts, revocation, resume.</summary>
[Collection(FormsWireCollection.Name)]
public sealed class CoBrowseWireTests(EmbeddedHostFixture fixture)
{
    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task An_insured_starts_a_form_and_a_second_device_gets_every_edit_pushed_with_growing_seq()
    {
        await using var phone = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        await using var laptop = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();

        var snapshot = await phone.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.Accident);
        var retried = await phone.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.Accident);
        Assert.Equal(snapshot.State.Seq, retried.State.Seq);
        Assert.Contains("\"steps\"", snapshot.Definition, StringComparison.Ordinal);
        await laptop.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);

        var first = await phone.EditAsync(sessionId, "op-1", "hergangBeschreibung", FormStates.Json("Auf der Treppe gestürzt"), 0);
        var second = await laptop.EditAsync(sessionId, "op-2", "dritterBeteiligt", "false", 0);

        Assert.Equal(FormEditStatus.Applied, first.Status);
        Assert.Equal(FormEditStatus.Applied, second.Status);
        Assert.True(second.Seq > first.Seq);
        var onLaptop = await laptop.WaitForStateAsync(sessionId, s => s.Seq >= first.Seq, "the phone's edit on the laptop");
        Assert.Equal("Auf der Treppe gestürzt", onLaptop.TextOf("hergangBeschreibung"));
        var onPhone = await phone.WaitForStateAsync(sessionId, s => s.Seq >= second.Seq, "the laptop's edit on the phone");
        Assert.Equal("false", onPhone.ValueOf("dritterBeteiligt"));
        Assert.Equal(ParticipantRole.Insured, onPhone.Field("dritterBeteiligt").LastWriterRole);
        var seqs = phone.States.Where(s => s.SessionId == sessionId).Select(s => s.Seq).ToArray();
        Assert.Equal(seqs.Order(), seqs);
        var listed = await phone.Connection.InvokeAsync<IReadOnlyList<FormSessionSummary>>("ListForms");
        Assert.Equal(sessionId, listed[0].SessionId);
    }

    [Fact]
    public async Task The_agent_proposes_a_form_in_the_chat_the_insured_accepts_and_each_sees_the_others_edits()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        await using var agent = await FormClient.ConnectAsync(Host, AgentHubPath, Agent);
        var conversationId = await ChatAsync(Host, insured, agent);
        var sessionId = Guid.NewGuid();

        var proposed = await agent.Connection.InvokeAsync<FormSessionSnapshot>("ProposeForm", conversationId, sessionId, FormNames.SepaMandate);
        Assert.Equal(FormAccessStatus.Requested, proposed.State.Access.Status);
        Assert.Empty(proposed.State.Fields); // nothing of the insured's answers before consent
        await insured.WaitForAsync(c => c.ChatEvents.Any(e => e.ConversationId == conversationId && e.Kind == ConversationEventKind.FormProposed), "the FormProposed chat event");
        Assert.Contains(sessionId.ToString(), insured.ChatEvents.Single(e => e.Kind == ConversationEventKind.FormProposed).Text, StringComparison.Ordinal);
        await insured.WaitForAsync(c => c.Invitations.Any(i => i.SessionId == sessionId), "the invitation");
        var invitation = insured.Invitations.Single(i => i.SessionId == sessionId);
        Assert.Equal(FormOrigin.Chat, invitation.Origin);
        Assert.Equal("Sabine Müller", invitation.AgentName);
        var refused = await Assert.ThrowsAsync<HubException>(() => agent.EditAsync(sessionId, "early", "ort", FormStates.Json("Kiel"), 0));
        Assert.Equal(FormErrors.AccessNotGranted, refused.Code());

        var granted = await insured.Connection.InvokeAsync<FormViewState>("GrantFormAccess", sessionId);
        Assert.Equal(FormAccessStatus.Granted, granted.Access.Status);
        var opened = await agent.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);
        Assert.NotEmpty(opened.State.Fields);

        var byAgent = await agent.EditAsync(sessionId, "a-1", "ort", FormStates.Json("Kiel"), 0);
        var byInsured = await insured.EditAsync(sessionId, "i-1", "kontoinhaberName", FormStates.Json("Anna Bergmann"), 0);

        var atInsured = await insured.WaitForStateAsync(sessionId, s => s.Seq >= byAgent.Seq && s.TextOf("ort") == "Kiel", "the agent's edit at the insured");
        Assert.Equal(ParticipantRole.Agent, atInsured.Field("ort").LastWriterRole);
        Assert.Equal("Sabine Müller", atInsured.Field("ort").LastWriterName);
        var atAgent = await agent.WaitForStateAsync(sessionId, s => s.Seq >= byInsured.Seq, "the insured's edit at the agent");
        Assert.Equal("Anna Bergmann", atAgent.TextOf("kontoinhaberName"));
        Assert.Equal("Kiel", atAgent.TextOf("ort"));

        await insured.Connection.InvokeAsync("FocusForm", sessionId, "bankverbindung", "zahlungsart");
        await agent.WaitForAsync(
            c => c.PresenceNotices.Any(p => p.SessionId == sessionId && p.Participants.Any(x => x.Role == ParticipantRole.Insured && x.StepId == "bankverbindung")),
            "the insured's step at the agent");
    }

    [Fact]
    public async Task An_agent_starts_a_form_from_the_work_item_assigned_to_them_and_no_other_agent_may()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        await using var agent = await FormClient.ConnectAsync(Host, AgentHubPath, Agent);
        await using var stranger = await FormClient.ConnectAsync(Host, AgentHubPath, "agent-schulz");
        var conversationId = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", conversationId, "Arbeitsunfähigkeit", null);
        using var agentHttp = Host.CreateClient(await Host.SignInAsync(Agent));
        var offer = await ChatTakeOver.OfferOfAsync(agentHttp, conversationId);
        try
        {
            await agent.Connection.InvokeAsync<Kasse.Inbox.WorkItemView>("AcceptOffer", offer.OfferId);
            var sessionId = Guid.NewGuid();

            var refused = await Assert.ThrowsAsync<HubException>(() =>
                stranger.Connection.InvokeAsync<FormSessionSnapshot>("StartFormForWorkItem", offer.ItemId, Guid.NewGuid(), FormNames.SteuerId));
            var started = await agent.Connection.InvokeAsync<FormSessionSnapshot>("StartFormForWorkItem", offer.ItemId, sessionId, FormNames.SteuerId);

            Assert.Equal(FormErrors.NotAssigned, refused.Code());
            Assert.Equal(FormAccessStatus.Requested, started.State.Access.Status);
            await insured.WaitForAsync(c => c.Invitations.Any(i => i.SessionId == sessionId && i.Origin == FormOrigin.WorkItem), "the invitation from the work item");
            await insured.Connection.InvokeAsync<FormViewState>("DeclineFormAccess", sessionId);
            await agent.WaitForStateAsync(sessionId, s => s.Access.Status == FormAccessStatus.Declined && s.Fields.Count == 0, "the decline at the agent");
        }
        finally
        {
            await agent.Connection.InvokeAsync("CompleteWorkItem", offer.ItemId);
            await agent.Connection.InvokeAsync<Kasse.Inbox.AgentDeskView>("SetPresence", Kasse.Inbox.AgentPresence.Away);
        }
    }

    [Fact]
    public async Task Two_edits_of_one_field_at_once_end_with_one_applied_one_conflict_and_the_same_value_on_both_sides()
    {
        var (insured, agent, sessionId) = await SharedFormAsync(Host, FormNames.SepaMandate);
        await using (insured)
        await using (agent)
        {
            var results = await Task.WhenAll(
                insured.EditAsync(sessionId, "race-i", "ort", FormStates.Json("Hamburg"), 0),
                agent.EditAsync(sessionId, "race-a", "ort", FormStates.Json("Bremen"), 0));

            Assert.Single(results, r => r.Status == FormEditStatus.Applied);
            var conflict = Assert.Single(results, r => r.Status == FormEditStatus.Conflict);
            var winner = results.Single(r => r.Status == FormEditStatus.Applied).Field;
            Assert.Equal(winner.Value, conflict.Field.Value); // the loser learns the winning value and its writer
            Assert.Equal(winner.Version, conflict.Field.Version);
            Assert.NotNull(conflict.Field.LastWriterRole);
            var seq = results.Max(r => r.Seq);
            var atInsured = await insured.WaitForStateAsync(sessionId, s => s.Seq >= seq, "the race's state at the insured");
            var atAgent = await agent.WaitForStateAsync(sessionId, s => s.Seq >= seq, "the race's state at the agent");
            Assert.Equal(winner.Value, atInsured.ValueOf("ort"));
            Assert.Equal(winner.Value, atAgent.ValueOf("ort"));
            Assert.Equal(1, atAgent.Field("ort").Version);
        }
    }

    [Fact]
    public async Task After_the_insured_revokes_access_the_agents_next_edit_is_refused()
    {
        var (insured, agent, sessionId) = await SharedFormAsync(Host, FormNames.SepaMandate);
        await using (insured)
        await using (agent)
        {
            Assert.Equal(FormEditStatus.Applied, (await agent.EditAsync(sessionId, "before", "ort", FormStates.Json("Kiel"), 0)).Status);

            var revoked = await insured.Connection.InvokeAsync<FormViewState>("RevokeFormAccess", sessionId);

            Assert.Equal(FormAccessStatus.Revoked, revoked.Access.Status);
            await agent.WaitForStateAsync(sessionId, s => s.Access.Status == FormAccessStatus.Revoked && s.Fields.Count == 0, "the revocation at the agent");
            var edit = await Assert.ThrowsAsync<HubException>(() => agent.EditAsync(sessionId, "after", "ort", FormStates.Json("Lübeck"), 1));
            Assert.Equal(FormErrors.AccessNotGranted, edit.Code());
            var read = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<FormViewState>("GetFormState", sessionId));
            Assert.Equal(FormErrors.AccessNotGranted, read.Code());
            var state = await insured.Connection.InvokeAsync<FormViewState>("GetFormState", sessionId);
            Assert.Equal("Kiel", state.TextOf("ort"));
        }
    }

    [Fact]
    public async Task A_reconnecting_client_gets_the_current_state_and_never_an_older_seq_afterwards()
    {
        var (insured, agent, sessionId) = await SharedFormAsync(Host, FormNames.SepaMandate);
        await using (insured)
        await using (agent)
        {
            await agent.EditAsync(sessionId, "r-1", "ort", FormStates.Json("Kiel"), 0);
            await insured.Connection.StopAsync();
            // While the insured is away, the agent goes on.
            var missed = await agent.EditAsync(sessionId, "r-2", "kontoinhaberName", FormStates.Json("Anna Bergmann"), 0);
            var pushesBefore = insured.States.Count;

            await insured.Connection.StartAsync();
            var current = await insured.Connection.InvokeAsync<FormViewState>("GetFormState", sessionId);
            var later = await agent.EditAsync(sessionId, "r-3", "ort", FormStates.Json("Flensburg"), 1);

            Assert.True(current.Seq >= missed.Seq);
            Assert.Equal("Anna Bergmann", current.TextOf("kontoinhaberName"));
            await insured.WaitForStateAsync(sessionId, s => s.Seq >= later.Seq, "the next push after the reconnect");
            Assert.All(insured.States.Skip(pushesBefore).Where(s => s.SessionId == sessionId), s => Assert.True(s.Seq >= current.Seq, $"seq {s.Seq} after {current.Seq}"));
        }
    }
}
