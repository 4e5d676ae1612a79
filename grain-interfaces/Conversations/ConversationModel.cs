namespace Kasse.Conversations;

/// <summary>Life cycle of a conversation: opened by the insured, waiting for an agent, active, closed.</summary>
public enum ConversationState
{
    Open,
    Waiting,
    Active,
    Closed,
}

/// <summary>What happened in a conversation. Every kind carries the conversation's next sequence number.</summary>
public enum ConversationEventKind
{
    Started,
    Message,
    AgentJoined,
    Read,
    Closed,

    /// <summary>An agent left (went offline): the chat waits for the next agent.</summary>
    AgentLeft = 30,

    /// <summary>
    /// An agent proposed a form: <c>Text</c> is JSON <c>{"sessionId","formName","title":{"de","en"}}</c>; the insured's
    /// chat shows a card that opens the form session (where the insured accepts the agent).
    /// </summary>
    FormProposed = 40,
}

public enum ParticipantRole
{
    Insured,
    Agent,
    Supervisor,
}

/// <summary>Who acts on a conversation, as the gateway authenticated them.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Conversations.Participant")]
public sealed record Participant(
    [property: Id(0)] string UserId,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string DisplayName)
{
    public bool IsStaff => Role is ParticipantRole.Agent or ParticipantRole.Supervisor;
}

/// <summary>One sequenced event of a conversation; the unit of delivery, history and resume.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Conversations.ConversationEvent")]
public sealed record ConversationEvent(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] ConversationEventKind Kind,
    [property: Id(3)] string SenderId,
    [property: Id(4)] ParticipantRole SenderRole,
    [property: Id(5)] string SenderName,
    [property: Id(6)] string? ClientMessageId,
    [property: Id(7)] string? Text,
    [property: Id(8)] DateTimeOffset At,
    [property: Id(9)] AttachmentInfo? Attachment = null);

/// <summary>A file attached to a message: PDF, JPEG or PNG, type verified by its signature.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Conversations.AttachmentInfo")]
public sealed record AttachmentInfo(
    [property: Id(0)] Guid AttachmentId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size);

/// <summary>A stored attachment with its bytes, as handed to an authorized reader.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Conversations.AttachmentContent")]
public sealed record AttachmentContent(
    [property: Id(0)] AttachmentInfo Info,
    [property: Id(1)] byte[] Data);

/// <summary>The current picture of a conversation for a participant.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Conversations.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] string Topic,
    [property: Id(2)] string? CaseReference,
    [property: Id(3)] ConversationState State,
    [property: Id(4)] string InsuredId,
    [property: Id(5)] IReadOnlyList<string> AgentIds,
    [property: Id(6)] long LastSeq,
    [property: Id(7)] DateTimeOffset StartedAt);

/// <summary>
/// Acknowledgement of a write: the sequence number it got and the stored event, sent only once the event is durable.
/// The writing connection takes its own event from here; the push skips it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Conversations.PostAck")]
public sealed record PostAck(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] bool Duplicate,
    [property: Id(3)] ConversationEvent? Event = null);

/// <summary>A refusal the gateway turns into a coded error (HubException / problem details).</summary>
[GenerateSerializer, Alias("Kasse.Conversations.ConversationException")]
public sealed class ConversationException(string code, string message) : CodedException(code, message);

/// <summary>Stable error codes of the conversation API.</summary>
public static class ConversationErrors
{
    public const string NotFound = "CONVERSATION_NOT_FOUND";
    public const string Forbidden = "CONVERSATION_FORBIDDEN";
    public const string Closed = "CONVERSATION_CLOSED";

    /// <summary>An agent opened a chat that is not assigned to them (only the assignee or a supervisor may).</summary>
    public const string NotAssigned = "CONVERSATION_NOT_ASSIGNED";
    public const string EmptyMessage = "MESSAGE_EMPTY";
    public const string MessageTooLong = "MESSAGE_TOO_LONG";
    public const string InvalidClientMessageId = "CLIENT_MESSAGE_ID_INVALID";
    public const string InvalidTopic = "TOPIC_INVALID";
    public const string InvalidCharacters = "MESSAGE_INVALID_CHARACTERS";
    public const string AttachmentType = "ATTACHMENT_TYPE_NOT_ALLOWED";
    public const string AttachmentTooLarge = "ATTACHMENT_TOO_LARGE";
    public const string AttachmentEmpty = "ATTACHMENT_EMPTY";
    public const string AttachmentMissing = "ATTACHMENT_MISSING";
    public const string AttachmentNotFound = "ATTACHMENT_NOT_FOUND";

    /// <summary>A seq that no event of the conversation has (below 1 or above the last one), e.g. in a read receipt.</summary>
    public const string SeqOutOfRange = "SEQ_OUT_OF_RANGE";

    /// <summary>Largest attachment accepted (10 MiB).</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    /// <summary>Plain text only, rendered as text by every client.</summary>
    public const int MaxMessageLength = 4000;
}
