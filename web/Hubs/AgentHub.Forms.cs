using Kasse.Forms;
using Kasse.Web.Realtime;

namespace Kasse.Web.Hubs;

/// <summary>
/// Forms an agent fills in together with the insured (docs/forms.md, "Co-browse protocol"): propose one in a chat,
/// start one from a work item, then, once the insured accepted, open, edit and follow. The agent never sees sensitive
/// fields; every view and edit is audited by the session grain.
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>The forms an agent can propose (those with an active version), by name. Errors: none.</summary>
    public Task<IReadOnlyList<FormDefinitionOverview>> ListFormDefinitions() => FormDefinitionListing.ActiveAsync(Grains);

    /// <summary>
    /// Proposes a form in a chat the agent takes part in: the session starts with access Requested, the chat gets a
    /// <c>FormProposed</c> event and the insured a <c>formInvitation</c>. <paramref name="sessionId"/> is a new Guid the
    /// client chooses (a retry returns the same session). The snapshot holds no values until the insured accepts.
    /// Errors: INVALID_INPUT (empty ids), FORM_DEFINITION_NOT_FOUND, FORM_NOT_ASSIGNED (not the agent's chat),
    /// FORM_FORBIDDEN (the id belongs to another session), CONVERSATION_CLOSED, RATE_LIMITED.
    /// </summary>
    public Task<FormSessionSnapshot> ProposeForm(Guid conversationId, Guid sessionId, string formName)
    {
        if (conversationId == Guid.Empty)
            throw HubErrors.Invalid("Die Gesprächskennung fehlt.");
        return FormSession(sessionId).StartForCustomer(
            Caller, new FormSessionStart(FormArguments.FormName(formName), FormOrigin.Chat, InsuredUserId: "", ConversationId: conversationId));
    }

    /// <summary>
    /// Starts a form for the customer of a work item assigned to the agent: access Requested, the insured gets a
    /// <c>formInvitation</c>. Errors: INVALID_INPUT, FORM_DEFINITION_NOT_FOUND, FORM_NOT_ASSIGNED (not the agent's
    /// active item), FORM_FORBIDDEN, RATE_LIMITED.
    /// </summary>
    public Task<FormSessionSnapshot> StartFormForWorkItem(string workItemId, Guid sessionId, string formName) =>
        FormSession(sessionId).StartForCustomer(
            Caller, new FormSessionStart(FormArguments.FormName(formName), FormOrigin.WorkItem, InsuredUserId: "", WorkItemId: FormArguments.WorkItemId(workItemId)));

    /// <summary>
    /// The definition and the agent's (masked) state; audited. Call on opening and after every reconnect.
    /// Errors: INVALID_INPUT, FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN (not this agent's session), FORM_ACCESS_NOT_GRANTED
    /// (the insured has not accepted, declined, or ended the access).
    /// </summary>
    public async Task<FormSessionSnapshot> OpenForm(Guid sessionId) => Context.Noted(await FormSession(sessionId).Open(Caller));

    /// <summary>The agent's current (masked) state; audited. Errors as <see cref="OpenForm"/>.</summary>
    public async Task<FormViewState> GetFormState(Guid sessionId) => Context.Noted(await FormSession(sessionId).GetState(Caller));

    /// <summary>
    /// One edit, as on the customer hub; audited. Errors: as <c>CustomerHub.EditForm</c>, plus FORM_ACCESS_NOT_GRANTED
    /// (no access, or the insured ended it) and FORM_FIELD_SENSITIVE (a field the agent may not touch).
    /// </summary>
    public Task<FormEditResult> EditForm(Guid sessionId, FormEdit edit) =>
        Context.EditAsync(FormSession(sessionId), sessionId, Caller, FormArguments.Edit(edit));

    /// <summary>Where the agent is (step, field path); the insured gets <c>formPresence</c>. Errors: as <see cref="OpenForm"/>, plus RATE_LIMITED.</summary>
    public Task FocusForm(Guid sessionId, string? stepId, string? fieldPath) =>
        FormSession(sessionId).SetFocus(Caller, FormArguments.FocusStep(stepId), FormArguments.FocusPath(fieldPath));

    /// <summary>The agent left the form (presence only). Errors: as <see cref="OpenForm"/>, plus RATE_LIMITED.</summary>
    public Task LeaveForm(Guid sessionId) => FormSession(sessionId).Leave(Caller);

    private IFormSessionGrain FormSession(Guid sessionId) => CachedGrainReferences<IFormSessionGrain>.Get(Grains, FormArguments.Session(sessionId));
}
