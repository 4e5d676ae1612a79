using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The body of one event (JSON in <c>form_session_events.body</c>): whatever the change set. Replaying the bodies in seq
/// order over a snapshot gives the session's state again, including the answers to recent operation ids.
/// </summary>
public sealed record FormSessionChange(
    FormSessionOpening? Opening = null,
    IReadOnlyList<FormValueWrite>? Writes = null,
    FormAccess? Access = null,
    FormSubmissionReceipt? Receipt = null,
    FieldState? Result = null);
