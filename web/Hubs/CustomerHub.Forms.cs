using Kasse.Customers;
using Kasse.Forms;
using Kasse.Web.Realtime;

namespace Kasse.Web.Hubs;

/// <summary>
/// Forms of the insured person (docs/forms.md, "Co-browse protocol"): start, list, open, edit, answer an agent's
/// request to join, end the agent's access, submit. The session grain decides and checks; the hub checks shapes only.
/// </summary>
public sealed partial class CustomerHub
{
    /// <summary>The forms the insured can start (those with an active version), by name. Errors: none.</summary>
    public Task<IReadOnlyList<FormDefinitionOverview>> ListFormDefinitions() => FormDefinitionListing.ActiveAsync(Grains);

    /// <summary>
    /// Starts a form in the portal. The client chooses <paramref name="sessionId"/> (a new Guid), which makes a retried
    /// start return the same session. Errors: INVALID_INPUT (empty id), FORM_DEFINITION_NOT_FOUND (no such form, or no
    /// active version), FORM_FORBIDDEN (the id belongs to someone else's session), RATE_LIMITED.
    /// </summary>
    public Task<FormSessionSnapshot> StartForm(Guid sessionId, string formName) =>
        FormSession(sessionId).Start(Caller, new FormSessionStart(FormArguments.FormName(formName), FormOrigin.Portal, Caller.UserId));

    /// <summary>The insured's form sessions (drafts and submitted ones), newest first, the newest 100. Errors: none.</summary>
    public async Task<IReadOnlyList<FormSessionSummary>> ListForms()
    {
        var ids = await Grains.GetCustomer(pseudonyms, Caller.UserId).ListFormSessions();
        var summaries = await Task.WhenAll(ids.Select(id => Grains.GetGrain<IFormSessionGrain>(id).Describe()));
        return [.. summaries.OfType<FormSessionSummary>()];
    }

    /// <summary>
    /// The definition (client form: no expressions) and the current state; call on opening and after every reconnect.
    /// Errors: INVALID_INPUT (empty id), FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN (not the caller's session).
    /// </summary>
    public async Task<FormSessionSnapshot> OpenForm(Guid sessionId) => Context.Noted(await FormSession(sessionId).Open(Caller));

    /// <summary>
    /// The current state only (to resume after a reconnect: keep it if its <c>seq</c> is higher than the one held).
    /// Errors: INVALID_INPUT, FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN.
    /// </summary>
    public async Task<FormViewState> GetFormState(Guid sessionId) => Context.Noted(await FormSession(sessionId).GetState(Caller));

    /// <summary>
    /// One edit (<c>{operationId, path, value, baseVersion, kind, answerWithChange}</c>): Applied, Duplicate (a retried
    /// operation id) or Conflict (the field changed since <c>baseVersion</c>; the answer holds the current field). Every
    /// participant then gets <c>formChange</c> (or <c>formState</c>); with <c>answerWithChange</c> the answer carries the
    /// caller's change and this connection gets no push of it. Errors: INVALID_INPUT (empty id, no edit, negative base version, unknown kind),
    /// FORM_OPERATION_ID_INVALID, FORM_FIELD_UNKNOWN, FORM_FIELD_NOT_EDITABLE, FORM_VALUE_INVALID (wrong shape, over
    /// 16 KB, control characters), FORM_TOO_MANY_ROWS, FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN, FORM_SESSION_CLOSED,
    /// RATE_LIMITED, UNAVAILABLE (retry with the same operation id).
    /// </summary>
    public Task<FormEditResult> EditForm(Guid sessionId, FormEdit edit) =>
        Context.EditAsync(FormSession(sessionId), sessionId, Caller, FormArguments.Edit(edit));

    /// <summary>
    /// Where the caller is (step, field path; null for none); the others get <c>formPresence</c>.
    /// Errors: INVALID_INPUT (empty id, malformed step or path), FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN, RATE_LIMITED.
    /// </summary>
    public Task FocusForm(Guid sessionId, string? stepId, string? fieldPath) =>
        FormSession(sessionId).SetFocus(Caller, FormArguments.FocusStep(stepId), FormArguments.FocusPath(fieldPath));

    /// <summary>The caller left the form page (presence only; the draft stays). Errors: INVALID_INPUT, FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN, RATE_LIMITED.</summary>
    public Task LeaveForm(Guid sessionId) => FormSession(sessionId).Leave(Caller);

    /// <summary>
    /// Accepts the agent's pending request (the <c>formInvitation</c>): the agent then sees the form without its
    /// sensitive fields and may edit. Errors: INVALID_INPUT, FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN (not the caller's
    /// session), FORM_ACCESS_NOT_GRANTED (no request pending), RATE_LIMITED.
    /// </summary>
    public Task<FormViewState> GrantFormAccess(Guid sessionId) => FormSession(sessionId).GrantAccess(Caller);

    /// <summary>Declines the agent's pending request. Errors as <see cref="GrantFormAccess"/>.</summary>
    public Task<FormViewState> DeclineFormAccess(Guid sessionId) => FormSession(sessionId).DeclineAccess(Caller);

    /// <summary>
    /// Ends the agent's access at once: the agent's next call on the session is refused with FORM_ACCESS_NOT_GRANTED.
    /// Errors: INVALID_INPUT, FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN, RATE_LIMITED.
    /// </summary>
    public Task<FormViewState> RevokeFormAccess(Guid sessionId) => FormSession(sessionId).RevokeAccess(Caller);

    /// <summary>
    /// Submits: the server checks the whole form (the UI's checks count for nothing), stores the submission and returns
    /// the receipt (case reference, time, SHA-256 content hash, outcome); the control document is then at
    /// <c>GET /api/forms/sessions/{sessionId}/control-document.pdf</c>. A second call returns the same receipt.
    /// Errors: INVALID_INPUT, FORM_OPERATION_ID_INVALID, FORM_INVALID (the pushed state names every problem),
    /// FORM_SESSION_NOT_FOUND, FORM_FORBIDDEN, FORM_SUBMIT_INSURED_ONLY, FORM_SESSION_CLOSED (cancelled), RATE_LIMITED,
    /// UNAVAILABLE (retry with the same operation id).
    /// </summary>
    public Task<FormSubmissionReceipt> SubmitForm(Guid sessionId, string operationId) =>
        FormSession(sessionId).Submit(Caller, FormArguments.OperationId(operationId));

    private IFormSessionGrain FormSession(Guid sessionId) => CachedGrainReferences<IFormSessionGrain>.Get(Grains, FormArguments.Session(sessionId));
}
