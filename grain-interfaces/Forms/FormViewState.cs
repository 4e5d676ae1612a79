using System.Text.Json.Serialization;
using Kasse.Conversations;

namespace Kasse.Forms;

/// <summary>Life cycle of a form session.</summary>
public enum FormSessionStatus
{
    /// <summary>Being filled in (a draft: it survives leaving and coming back on another device).</summary>
    Open = 0,

    /// <summary>Submitted: append-only submission stored, control document available; no more edits.</summary>
    Submitted = 1,

    /// <summary>Given up by the insured; no more edits.</summary>
    Cancelled = 2,
}

/// <summary>Where an agent's access to a session stands. Only the insured moves it from Requested to Granted.</summary>
public enum FormAccessStatus
{
    /// <summary>No agent is involved.</summary>
    None = 0,

    /// <summary>An agent asked to join (or proposed the form); the insured has not answered yet.</summary>
    Requested = 1,

    /// <summary>The insured accepted: the agent sees (without sensitive fields) and edits.</summary>
    Granted = 2,

    /// <summary>The insured declined the request; the agent may ask again.</summary>
    Declined = 3,

    /// <summary>The insured ended the agent's access; every later call of that agent is refused.</summary>
    Revoked = 4,
}

/// <summary>The agent's access to a session: who, and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormAccess")]
public sealed record FormAccess(
    [property: Id(0)] FormAccessStatus Status,
    [property: Id(1)] string? AgentId,
    [property: Id(2)] string? AgentName,
    [property: Id(3)] DateTimeOffset? Since);

/// <summary>
/// One field (or one field of one repeating-group row) as the server sees it now. <c>Path</c> is the field id, or
/// <c>groupId[rowId].fieldId</c> inside a repeating group; a repeating group itself has the path <c>groupId</c>, and its
/// value is the array of its row ids. <c>Value</c> is JSON (null when empty, hidden, or masked for an agent).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FieldState")]
public sealed record FieldState(
    [property: Id(0)] string Path,
    [property: Id(1), JsonConverter(typeof(RawJsonConverter))] string? Value,
    [property: Id(2)] long Version,
    [property: Id(3)] ParticipantRole? LastWriterRole,
    [property: Id(4)] string? LastWriterName,
    [property: Id(5)] bool Visible,
    [property: Id(6)] bool Required,
    [property: Id(7)] bool Enabled,
    [property: Id(8)] LocalizedText? Error,
    [property: Id(9)] bool Masked = false);

/// <summary>A wizard step: visible or not (every field in it hidden), and whether any visible field in it has an error.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.StepState")]
public sealed record StepState(
    [property: Id(0)] string StepId,
    [property: Id(1)] bool Visible,
    [property: Id(2)] bool HasErrors);

/// <summary>Who is in a session now, on which step and field.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormParticipantPresence")]
public sealed record FormParticipantPresence(
    [property: Id(0)] string UserId,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? StepId,
    [property: Id(4)] string? FieldPath,
    [property: Id(5)] DateTimeOffset At);

/// <summary>
/// The complete view of a session for one participant, pushed after every accepted change (event <c>formState</c>).
/// <c>Seq</c> grows with every change of the document (edit, access change, submit); a client keeps the state with the
/// highest seq and, after a reconnect, asks for the current one. An agent's copy has sensitive fields masked.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormViewState")]
public sealed record FormViewState(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string FormName,
    [property: Id(3)] int FormVersion,
    [property: Id(4)] FormSessionStatus Status,
    [property: Id(5)] IReadOnlyList<FieldState> Fields,
    [property: Id(6)] IReadOnlyList<StepState> Steps,
    [property: Id(7)] FormAccess Access,
    [property: Id(8)] IReadOnlyList<FormParticipantPresence> Participants,
    [property: Id(9)] bool Complete,
    [property: Id(10)] string? CaseReference,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] FormSubmissionReceipt? Receipt = null);

/// <summary>Someone moved to another step or field (event <c>formPresence</c>; not sequenced, the newest <c>at</c> counts).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormPresenceNotice")]
public sealed record FormPresenceNotice(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] IReadOnlyList<FormParticipantPresence> Participants,
    [property: Id(2)] DateTimeOffset At);

/// <summary>
/// To the insured (event <c>formInvitation</c>): an agent asks to fill the form together (or proposed it from a chat or
/// work item). Answer with GrantFormAccess or DeclineFormAccess.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormInvitation")]
public sealed record FormInvitation(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string FormName,
    [property: Id(2)] LocalizedText FormTitle,
    [property: Id(3)] string AgentName,
    [property: Id(4)] FormOrigin Origin,
    [property: Id(5)] DateTimeOffset At);
