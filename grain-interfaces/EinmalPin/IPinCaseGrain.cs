using Kasse.Forms;

namespace Kasse.EinmalPin;

/// <summary>
/// One EinmalPIN case, keyed by its case number (Vorgangsnummer). Owns the case's mutable state: failed attempts and
/// lock, the current case session, the form session, the decision. Its imported data and issued secrets are read from
/// their stores; its history goes to <c>pin_case_events</c>.
/// </summary>
[Alias("Kasse.EinmalPin.IPinCaseGrain")]
public interface IPinCaseGrain : IGrainWithStringKey
{
    /// <summary>Status, dates and decision for integrators and admins (no secrets, no answers).</summary>
    [Alias("GetView")]
    Task<PinCaseView> GetView();

    /// <summary>
    /// Checks PIN and birth date against the case's valid secrets. Counts failures, delays and locks (docs/einmalpin.md);
    /// audits every decision without the PIN. On success starts a new case session (the previous one ends).
    /// </summary>
    [Alias("Authenticate")]
    Task<PinAuthResult> Authenticate(PinCredentials credentials);

    /// <summary>
    /// The case and its form for a valid case session: on the first open starts the form session (origin PinCase,
    /// prefilled from the imported data), records <see cref="PinCaseEventKind.Opened"/> once.
    /// </summary>
    [Alias("Open")]
    Task<PinCaseSnapshot> Open(Guid caseSessionId);

    /// <summary>The form session of a valid case session (after <see cref="Open"/>): the hub edits it directly.</summary>
    [Alias("FormSessionOf")]
    Task<Guid> FormSessionOf(Guid caseSessionId);

    /// <summary>
    /// The form session of a case session after the submission, for the control document (the session stays valid for
    /// reading it until it expires). FORM_SUBMISSION_NOT_FOUND before the submission. Added by h12-case.
    /// </summary>
    [Alias("SubmittedFormSessionOf")]
    Task<Guid> SubmittedFormSessionOf(Guid caseSessionId);

    /// <summary>
    /// Submits the case's form (the form session checks it completely), consumes the secrets, runs the case type's
    /// <c>stp.*</c> rule set and closes the case or routes it to a clerk. Idempotent by operation id and by state.
    /// </summary>
    [Alias("Submit")]
    Task<PinSubmitResult> Submit(Guid caseSessionId, string operationId);

    /// <summary>Ends the case session (logout).</summary>
    [Alias("EndSession")]
    Task EndSession(Guid caseSessionId);

    /// <summary>The clerk completed the case's work item (called by the work item grain).</summary>
    [Alias("ClerkClosed")]
    Task ClerkClosed(string agentId);

    /// <summary>The answers and decision for the core system's per-case pull (Integrator; audited by the caller).</summary>
    [Alias("GetResult")]
    Task<PinCaseResult> GetResult();

    /// <summary>
    /// <see cref="GetResult"/> for a reader outside the cluster (the per-case HTTP pull): recorded in the audit trail
    /// first (action <c>pin.case.result.read</c>, actor <paramref name="readerId"/>). Added by h12-case.
    /// </summary>
    [Alias("ReadResult")]
    Task<PinCaseResult> ReadResult(string readerId, string readerRole);
}

/// <summary>What the insured typed, and from where (client address reduced to /32 or /64, never logged).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinCredentials")]
public sealed record PinCredentials(
    [property: Id(0)] string Pin,
    [property: Id(1)] DateOnly BirthDate,
    [property: Id(2)] string ClientKey,
    [property: Id(3)] bool ViaLink);

/// <summary>
/// The answer to a login attempt. Success: a case session id valid until <c>ExpiresAt</c>. Refused: nothing about
/// which factor was wrong; <c>RetryAfter</c> when the next attempt must wait (also when locked).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinAuthResult")]
public sealed record PinAuthResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] Guid? CaseSessionId,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] TimeSpan? RetryAfter);

/// <summary>What the insured's page shows after login: the case, the form to fill, and the state of both.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinCaseSnapshot")]
public sealed record PinCaseSnapshot(
    [property: Id(0)] string CaseNumber,
    [property: Id(1)] PinCaseType CaseType,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] DateOnly Deadline,
    [property: Id(4)] PinCaseStatus Status,
    [property: Id(5)] Guid FormSessionId,
    [property: Id(6)] FormSessionSnapshot Form,
    [property: Id(7)] FormSubmissionReceipt? Receipt);

/// <summary>The outcome of a submission as the insured sees it (closed at once, or a clerk will look).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinSubmitResult")]
public sealed record PinSubmitResult(
    [property: Id(0)] string CaseNumber,
    [property: Id(1)] PinCaseStatus Status,
    [property: Id(2)] FormSubmissionReceipt Receipt);

/// <summary>The stp rule set's decision on a submitted case; names the rule set version that decided.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinStpDecision")]
public sealed record PinStpDecision(
    [property: Id(0)] bool ClosedAutomatically,
    [property: Id(1)] string RuleSet,
    [property: Id(2)] int RuleSetVersion,
    [property: Id(3)] IReadOnlyList<string> Reasons,
    [property: Id(4)] string? WorkItemId,
    [property: Id(5)] DateTimeOffset DecidedAt);

/// <summary>A case as integrators and admins see it.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinCaseView")]
public sealed record PinCaseView(
    [property: Id(0)] string CaseNumber,
    [property: Id(1)] PinCaseType CaseType,
    [property: Id(2)] PinCaseStatus Status,
    [property: Id(3)] DateTimeOffset ImportedAt,
    [property: Id(4)] DateTimeOffset? LetterIssuedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] DateTimeOffset? OpenedAt,
    [property: Id(7)] DateTimeOffset? SubmittedAt,
    [property: Id(8)] PinStpDecision? Decision,
    [property: Id(9)] DateTimeOffset? ClosedByClerkAt,
    [property: Id(10)] bool Locked);

/// <summary>The per-case pull of the core system: the view, plus the submitted answers and content hash once submitted.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinCaseResult")]
public sealed record PinCaseResult(
    [property: Id(0)] PinCaseView Case,
    [property: Id(1)] Guid? FormSessionId,
    [property: Id(2)] string? ContentHash,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Answers);
