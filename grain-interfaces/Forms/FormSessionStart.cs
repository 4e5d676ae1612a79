namespace Kasse.Forms;

/// <summary>Where a form session was started.</summary>
public enum FormOrigin
{
    /// <summary>The insured opened it in the portal or app.</summary>
    Portal = 0,

    /// <summary>An agent proposed it in a chat (the chat shows a card to open it).</summary>
    Chat = 1,

    /// <summary>An agent started it from an inbox work item of that customer.</summary>
    WorkItem = 2,

    /// <summary>An EinmalPIN case (issue 12): prefilled from the imported case data.</summary>
    PinCase = 3,
}

/// <summary>
/// How a session starts: which form (the active version is pinned at start), where from, and what it refers to.
/// <c>Prefill</c> maps field ids to JSON values the form starts with (written by the system, version 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormSessionStart")]
public sealed record FormSessionStart(
    [property: Id(0)] string FormName,
    [property: Id(1)] FormOrigin Origin,
    [property: Id(2)] string InsuredUserId,
    [property: Id(3)] Guid? ConversationId = null,
    [property: Id(4)] string? WorkItemId = null,
    [property: Id(5)] string? CaseReference = null,
    [property: Id(6)] IReadOnlyDictionary<string, string>? Prefill = null);

/// <summary>
/// What a participant needs to open a session: the client-facing definition (steps, sections, fields, labels, help,
/// options; no expressions) as JSON, and the current view state.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormSessionSnapshot")]
public sealed record FormSessionSnapshot(
    [property: Id(0), System.Text.Json.Serialization.JsonConverter(typeof(RawJsonConverter))] string Definition,
    [property: Id(1)] FormViewState State);

/// <summary>One of the insured's sessions, for the portal's list (newest first).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormSessionSummary")]
public sealed record FormSessionSummary(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string FormName,
    [property: Id(2)] LocalizedText FormTitle,
    [property: Id(3)] FormSessionStatus Status,
    [property: Id(4)] FormAccess Access,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] string? CaseReference);
