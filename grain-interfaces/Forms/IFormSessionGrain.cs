using Kasse.Conversations;

namespace Kasse.Forms;

/// <summary>
/// One form session, the co-browse document, keyed by a Guid the starting client chooses (a retried start is
/// idempotent). The single writer of the values (each with version and last writer), the agent's access and the status.
/// Every caller is a <see cref="Participant"/> as the gateway authenticated them: the insured person whose session it
/// is, or the agent the insured admitted. Every agent view and edit is audited.
/// </summary>
[Alias("Kasse.Forms.IFormSessionGrain")]
public interface IFormSessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The insured starts a session in the portal (<see cref="FormOrigin.Portal"/>; <c>start.InsuredUserId</c> must be
    /// the caller). The same call again returns the same snapshot. Errors: FORM_DEFINITION_NOT_FOUND, FORM_FORBIDDEN.
    /// </summary>
    [Alias("Start")]
    Task<FormSessionSnapshot> Start(Participant insured, FormSessionStart start);

    /// <summary>
    /// An agent starts a session for the insured of a chat (<see cref="FormOrigin.Chat"/>, the agent takes part in the
    /// conversation) or of a work item (<see cref="FormOrigin.WorkItem"/>, assigned to the agent): the session starts
    /// with access Requested by that agent, the insured gets a <c>formInvitation</c>, and a chat gets a FormProposed
    /// event. Idempotent like <see cref="Start"/>. Errors: FORM_NOT_ASSIGNED, FORM_DEFINITION_NOT_FOUND.
    /// </summary>
    [Alias("StartForCustomer")]
    Task<FormSessionSnapshot> StartForCustomer(Participant agent, FormSessionStart start);

    /// <summary>A system start (EinmalPIN case import): no participant check; idempotent.</summary>
    [Alias("StartForCase")]
    Task<FormViewState> StartForCase(FormSessionStart start);

    /// <summary>The definition and current state for a participant (an agent's is audited and masked). Used on (re)connect.</summary>
    [Alias("Open")]
    Task<FormSessionSnapshot> Open(Participant reader);

    /// <summary>The current state only (an agent's is audited and masked).</summary>
    [Alias("GetState")]
    Task<FormViewState> GetState(Participant reader);

    /// <summary>
    /// Applies one edit, or answers Conflict with the current field when <c>BaseVersion</c> is stale, or Duplicate for a
    /// retried operation id. Then re-evaluates visibility, requirement, enablement and validation (hidden fields lose
    /// their values) and pushes the new state to every participant. Errors: FORM_FORBIDDEN, FORM_ACCESS_NOT_GRANTED,
    /// FORM_FIELD_UNKNOWN, FORM_FIELD_NOT_EDITABLE, FORM_FIELD_SENSITIVE, FORM_VALUE_INVALID, FORM_OPERATION_ID_INVALID,
    /// FORM_SESSION_CLOSED, FORM_TOO_MANY_ROWS.
    /// </summary>
    [Alias("Edit")]
    Task<FormEditResult> Edit(Participant editor, FormEdit edit);

    /// <summary>
    /// Stores a file for a field of type <c>file</c> (PDF, JPEG or PNG by file signature, at most 10 MiB, generated
    /// storage id) and sets the field to its info <c>{"fileId","fileName","contentType","size"}</c> like an edit with
    /// <c>BaseVersion</c>. Idempotent by operation id. Errors as <see cref="Edit"/>, plus ATTACHMENT_TYPE_NOT_ALLOWED,
    /// ATTACHMENT_TOO_LARGE, ATTACHMENT_EMPTY (the conversation codes).
    /// </summary>
    [Alias("UploadFile")]
    Task<FormEditResult> UploadFile(Participant editor, string path, string operationId, long baseVersion, string fileName, byte[] data);

    /// <summary>A file of this session, for the insured or the admitted agent (audited; never a sensitive field's file to an agent).</summary>
    [Alias("GetFile")]
    Task<AttachmentContent> GetFile(Participant reader, Guid fileId);

    /// <summary>Where the participant is (step, field); pushed to the others as <c>formPresence</c>, not stored.</summary>
    [Alias("SetFocus")]
    Task SetFocus(Participant participant, string? stepId, string? fieldPath);

    /// <summary>The participant left the session page (presence only).</summary>
    [Alias("Leave")]
    Task Leave(Participant participant);

    /// <summary>An agent who takes part in the customer's chat or holds their work item asks to join an existing session.</summary>
    [Alias("RequestAccess")]
    Task<FormViewState> RequestAccess(Participant agent, FormOrigin origin, string reference);

    /// <summary>The insured accepts the pending request. Errors: FORM_FORBIDDEN (not the insured), FORM_ACCESS_NOT_GRANTED (nothing pending).</summary>
    [Alias("GrantAccess")]
    Task<FormViewState> GrantAccess(Participant insured);

    /// <summary>The insured declines the pending request.</summary>
    [Alias("DeclineAccess")]
    Task<FormViewState> DeclineAccess(Participant insured);

    /// <summary>The insured ends the agent's access at once; the agent's next call is refused with FORM_ACCESS_NOT_GRANTED.</summary>
    [Alias("RevokeAccess")]
    Task<FormViewState> RevokeAccess(Participant insured);

    /// <summary>
    /// The insured submits: the server checks everything (FORM_INVALID when anything fails; nothing is stored), stores
    /// the submission append-only with its SHA-256 content hash, decides whether a clerk must look (creates or updates
    /// the work item) and closes the session. A second call returns the same receipt.
    /// </summary>
    [Alias("Submit")]
    Task<FormSubmissionReceipt> Submit(Participant insured, string operationId);

    /// <summary>The submitted content for the control document: the insured, or staff (audited). FORM_SUBMISSION_NOT_FOUND before submit.</summary>
    [Alias("GetSubmission")]
    Task<FormSubmissionDocument> GetSubmission(Participant reader);

    /// <summary>A short summary for the insured's list; null when never started. No participant check: grains only.</summary>
    [Alias("Describe")]
    Task<FormSessionSummary?> Describe();
}
