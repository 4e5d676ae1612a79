using System.Text.Json;
using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Forms;
using Kasse.Gateway;
using Kasse.Grains.Audit;
using Kasse.Inbox;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Who may do what: the insured owns the session; an agent who takes part in the insured's chat or holds their work
/// item may ask to join; only the insured admits, declines or ends the agent's access. Every look and write of an
/// agent, and every refusal of staff, is appended to the audit trail.
/// </summary>
public sealed partial class FormSessionGrain
{
    public async Task<FormSessionSnapshot> StartForCustomer(Participant agent, FormSessionStart start)
    {
        if (!agent.IsStaff)
            throw new FormException(FormErrors.Forbidden, "Nur Beraterinnen und Berater schlagen einem Kunden ein Formular vor.");
        if (S.Started)
        {
            if (S.Access.AgentId != agent.UserId || S.Access.Status == FormAccessStatus.Revoked)
            {
                await AuditAsync(agent, "form.refused");
                throw new FormException(FormErrors.Forbidden, "Dieses Formular hat eine andere Person begonnen.");
            }
            // A repeated start completes what a failed first attempt may have left out (all idempotent).
            await RecordAtCustomerAsync();
            await AnnounceInChatAsync(agent);
            if (S.Access.Status == FormAccessStatus.Requested)
                Invite();
            return await AgentSnapshotAsync(agent);
        }
        var reference = start.Origin switch
        {
            FormOrigin.Chat => start.ConversationId?.ToString(),
            FormOrigin.WorkItem => start.WorkItemId,
            _ => null,
        };
        var insuredUserId = await InsuredOfAssignmentAsync(agent, start.Origin, reference);
        var model = await models.GetActiveAsync(start.FormName);
        var access = new FormAccess(FormAccessStatus.Requested, agent.UserId, agent.DisplayName, clock.GetUtcNow());
        var begin = start with
        {
            InsuredUserId = insuredUserId,
            ConversationId = start.Origin == FormOrigin.Chat ? start.ConversationId : null,
            WorkItemId = start.Origin == FormOrigin.WorkItem ? start.WorkItemId : null,
        };
        await BeginAsync(model, FormActor.Of(agent), begin, access);
        await AnnounceInChatAsync(agent);
        Invite();
        return await AgentSnapshotAsync(agent);
    }

    public async Task<FormViewState> RequestAccess(Participant agent, FormOrigin origin, string reference)
    {
        EnsureStarted();
        if (!agent.IsStaff)
            throw new FormException(FormErrors.Forbidden, "Nur Beraterinnen und Berater bitten um Zugriff.");
        if (S.Access.AgentId == agent.UserId)
        {
            switch (S.Access.Status)
            {
                case FormAccessStatus.Revoked:
                    await AuditAsync(agent, "form.refused");
                    throw AccessEnded();
                case FormAccessStatus.Granted:
                    await AuditAsync(agent, "form.view");
                    return View(masked: true);
                case FormAccessStatus.Requested:
                    Invite();
                    return WaitingView();
            }
        }
        else if (S.Access.Status == FormAccessStatus.Granted)
        {
            await AuditAsync(agent, "form.refused");
            throw new FormException(FormErrors.Forbidden, "Eine andere Beraterin oder ein anderer Berater füllt dieses Formular schon mit aus.");
        }
        if (await InsuredOfAssignmentAsync(agent, origin, reference) != S.InsuredUserId)
        {
            await AuditAsync(agent, "form.refused");
            throw new FormException(FormErrors.NotAssigned, "Dieses Formular gehört nicht zu Ihrem Gespräch oder Vorgang.");
        }
        await ChangeAccessAsync(FormActor.Of(agent), new FormAccess(FormAccessStatus.Requested, agent.UserId, agent.DisplayName, clock.GetUtcNow()));
        Invite();
        return WaitingView();
    }

    public async Task<FormViewState> GrantAccess(Participant insured)
    {
        EnsureOwner(insured);
        if (S.Access.Status == FormAccessStatus.Granted)
            return View(masked: false);
        if (S.Access.Status != FormAccessStatus.Requested)
            throw new FormException(FormErrors.AccessNotGranted, "Es liegt keine Anfrage einer Beraterin oder eines Beraters vor.");
        await ChangeAccessAsync(FormActor.Of(insured), S.Access with { Status = FormAccessStatus.Granted, Since = clock.GetUtcNow() });
        return View(masked: false);
    }

    public async Task<FormViewState> DeclineAccess(Participant insured)
    {
        EnsureOwner(insured);
        if (S.Access.Status == FormAccessStatus.Declined)
            return View(masked: false);
        if (S.Access.Status != FormAccessStatus.Requested)
            throw new FormException(FormErrors.AccessNotGranted, "Es liegt keine Anfrage einer Beraterin oder eines Beraters vor.");
        await ChangeAccessAsync(FormActor.Of(insured), S.Access with { Status = FormAccessStatus.Declined, Since = clock.GetUtcNow() });
        return View(masked: false);
    }

    public async Task<FormViewState> RevokeAccess(Participant insured)
    {
        EnsureOwner(insured);
        // Ending access that was never given, or given up already, changes nothing.
        if (S.Access.Status is not (FormAccessStatus.Granted or FormAccessStatus.Requested))
            return View(masked: false);
        await ChangeAccessAsync(FormActor.Of(insured), S.Access with { Status = FormAccessStatus.Revoked, Since = clock.GetUtcNow() });
        if (S.Access.AgentId is { } agentId && _presence.Remove(agentId))
            PushPresence();
        return View(masked: false);
    }

    private async Task ChangeAccessAsync(FormActor actor, FormAccess access)
    {
        await AppendAsync(FormSessionEventKind.AccessChanged, actor, null, new FormSessionChange(Access: access), _evaluation);
        PushState();
    }

    /// <summary>
    /// The insured of the chat the agent takes part in, or of the work item assigned to the agent; FORM_NOT_ASSIGNED
    /// (audited) otherwise.
    /// </summary>
    private async Task<string> InsuredOfAssignmentAsync(Participant agent, FormOrigin origin, string? reference)
    {
        string? insured = null;
        if (origin == FormOrigin.Chat && Guid.TryParse(reference, out var conversationId))
        {
            var conversation = await GrainFactory.GetGrain<IConversationGrain>(conversationId).Describe();
            if (conversation is not null && conversation.AgentIds.Contains(agent.UserId) && conversation.State != ConversationState.Closed)
                insured = conversation.InsuredId;
        }
        else if (origin == FormOrigin.WorkItem && !string.IsNullOrEmpty(reference))
        {
            var item = await GrainFactory.GetGrain<IWorkItemGrain>(reference).GetView();
            if (item is { AgentId: { } assignee } && assignee == agent.UserId
                && item.Status is WorkItemStatus.Assigned or WorkItemStatus.InProgress or WorkItemStatus.WaitingForCustomer or WorkItemStatus.OnHold)
                insured = await InsuredOfWorkItemAsync(item);
        }
        if (!string.IsNullOrEmpty(insured))
            return insured;
        await AuditAsync(agent, "form.refused", insuredId: null);
        throw new FormException(FormErrors.NotAssigned, "Formulare schlagen Sie nur in Ihrem Gespräch oder zu einem Ihnen zugewiesenen Vorgang mit Kundenbezug vor.");
    }

    /// <summary>A chat item's insured is the conversation's; any other item's comes from the customer's master data.</summary>
    private async Task<string?> InsuredOfWorkItemAsync(WorkItemView item)
    {
        if (item.ConversationId is { } conversationId
            && await GrainFactory.GetGrain<IConversationGrain>(conversationId).Describe() is { } conversation)
            return conversation.InsuredId;
        if (item.CustomerKey is null)
            return null;
        return (await GrainFactory.GetGrain<ICustomerGrain>(item.CustomerKey).GetProfile())?.Kvnr;
    }

    /// <summary>A chat session shows as a card in the chat (the conversation stores it once per session).</summary>
    private async Task AnnounceInChatAsync(Participant agent)
    {
        if (S.Origin != FormOrigin.Chat || S.ConversationId is not { } conversationId)
            return;
        var proposal = JsonSerializer.Serialize(new
        {
            sessionId = Id,
            formName = S.FormName,
            title = new { de = Model.Title.De, en = Model.Title.En ?? Model.Title.De },
        });
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).AnnounceForm(agent, Id, proposal);
    }

    private void Invite() => fanout.Enqueue(new ClientDelivery(
        [S.InsuredUserId], null, null,
        FormInvitation: new FormInvitation(Id, S.FormName, Model.Title, S.Access.AgentName ?? "", S.Origin, clock.GetUtcNow())));

    private async Task<FormSessionSnapshot> AgentSnapshotAsync(Participant agent)
    {
        await AuditAsync(agent, "form.view");
        return new FormSessionSnapshot(Model.ClientDefinitionJson, S.Access.Status == FormAccessStatus.Granted ? View(masked: true) : WaitingView());
    }

    private void EnsureOwner(Participant insured)
    {
        EnsureStarted();
        if (insured.Role != ParticipantRole.Insured || insured.UserId != S.InsuredUserId)
            throw new FormException(FormErrors.Forbidden, "Nur die versicherte Person entscheidet über den Zugriff auf ihr Formular.");
    }

    /// <summary>
    /// Whether <paramref name="reader"/> may see the session, and whether their view is masked (an agent). The insured
    /// owner sees everything; the agent of the access record sees while it is requested, declined or granted (values
    /// only when granted); a revoked agent and anyone else are refused (staff audited).
    /// </summary>
    private async Task<bool> EnsureReaderAsync(Participant reader)
    {
        EnsureStarted();
        if (reader.Role == ParticipantRole.Insured)
        {
            if (reader.UserId != S.InsuredUserId)
                throw new FormException(FormErrors.Forbidden, "Dieses Formular gehört einer anderen Person.");
            return false;
        }
        await EnsureAgentAsync(reader, FormAccessStatus.Requested, FormAccessStatus.Declined, FormAccessStatus.Granted);
        await AuditAsync(reader, "form.view");
        return true;
    }

    /// <summary>Whether <paramref name="participant"/> may act on the values now (the owner, or the admitted agent).</summary>
    private async Task EnsureActorAsync(Participant participant)
    {
        EnsureStarted();
        if (participant.Role == ParticipantRole.Insured)
        {
            if (participant.UserId != S.InsuredUserId)
                throw new FormException(FormErrors.Forbidden, "Dieses Formular gehört einer anderen Person.");
            return;
        }
        await EnsureAgentAsync(participant, FormAccessStatus.Granted);
    }

    private async Task EnsureAgentAsync(Participant agent, params FormAccessStatus[] allowed)
    {
        if (agent.IsStaff && S.Access.AgentId == agent.UserId && allowed.Contains(S.Access.Status))
            return;
        await AuditAsync(agent, "form.refused");
        if (agent.IsStaff && S.Access.AgentId == agent.UserId)
            throw S.Access.Status == FormAccessStatus.Revoked
                ? AccessEnded()
                : new FormException(FormErrors.AccessNotGranted, "Die versicherte Person hat Ihnen den Zugriff auf dieses Formular noch nicht gewährt.");
        throw new FormException(FormErrors.Forbidden, "Sie nehmen an diesem Formular nicht teil.");
    }

    private static FormException AccessEnded() =>
        new(FormErrors.AccessNotGranted, "Die versicherte Person hat Ihren Zugriff auf dieses Formular beendet.");

    private Task AuditAsync(Participant actor, string action) => AuditAsync(actor, action, S.Started ? S.InsuredUserId : null);

    private Task AuditAsync(Participant actor, string action, string? insuredId) => audit.AppendAsync(new AuditEntry(
        clock.GetUtcNow(), actor.UserId, actor.Role.ToString(), action, "form-session", Id.ToString(), insuredId));
}
