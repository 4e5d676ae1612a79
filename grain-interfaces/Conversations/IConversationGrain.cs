namespace Kasse.Conversations;

/// <summary>
/// One chat conversation, keyed by a Guid the insured's client chooses (so a retried start is idempotent).
/// Owns participants, state and the sequence; the full history lives in an append-only table.
/// </summary>
[Alias("Kasse.Conversations.IConversationGrain")]
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Opens the conversation for the insured person; the same call again returns the same view.</summary>
    [Alias("Start")]
    Task<ConversationView> Start(Participant insured, string topic, string? caseReference);

    /// <summary>Most events one page of <see cref="GetEventsAfter"/> returns to a hub or HTTP caller; they page by the last seq.</summary>
    const int MaxResumeBatch = 500;

    /// <summary>
    /// Appends a text message; acknowledged after it is durable, with the stored event. A retried
    /// <paramref name="clientMessageId"/> of the same sender is stored once, however late the retry comes: it gets the
    /// original's seq and event with <c>Duplicate</c> set.
    /// </summary>
    [Alias("Post")]
    Task<PostAck> Post(Participant sender, string clientMessageId, string text);

    /// <summary>
    /// Appends a message with one attachment (PDF, JPEG or PNG, checked by file signature, at most 10 MiB) and an
    /// optional text; idempotent by <paramref name="clientMessageId"/> like <see cref="Post"/>.
    /// </summary>
    [Alias("PostAttachment")]
    Task<PostAck> PostAttachment(Participant sender, string clientMessageId, string? text, string fileName, byte[] data);

    /// <summary>An attachment of this conversation, for a participant (audited for staff).</summary>
    [Alias("GetAttachment")]
    Task<AttachmentContent> GetAttachment(Participant reader, Guid attachmentId);

    /// <summary>
    /// An agent opens the conversation: only the agent its chat work item is assigned to, or a supervisor (audited);
    /// anyone else gets <c>CONVERSATION_NOT_ASSIGNED</c>. The assignee becomes a participant if the inbox's join has
    /// not happened yet.
    /// </summary>
    [Alias("Join")]
    Task<ConversationView> Join(Participant agent);

    /// <summary>
    /// The inbox assigned the chat to <paramref name="agent"/>: it becomes a participant. Idempotent: a repeated call
    /// adds no second "hat übernommen" note. Called by grains only (the agent's desk after an accepted offer).
    /// </summary>
    [Alias("AssignAgent")]
    Task<ConversationView> AssignAgent(Participant agent);

    /// <summary>The agent no longer takes part (it went offline and the chat went back to the queue); idempotent.</summary>
    [Alias("ReleaseAgent")]
    Task ReleaseAgent(Participant agent);

    /// <summary>Events with a sequence number above <paramref name="afterSeq"/>, in order, at most <paramref name="max"/>.</summary>
    [Alias("GetEventsAfter")]
    Task<IReadOnlyList<ConversationEvent>> GetEventsAfter(Participant reader, long afterSeq, int max);

    [Alias("GetView")]
    Task<ConversationView> GetView(Participant reader);

    /// <summary>A read receipt: the reader has seen everything up to <paramref name="seq"/>.</summary>
    [Alias("MarkRead")]
    Task MarkRead(Participant reader, long seq);

    /// <summary>A typing indicator: delivered live, never stored; clients let it expire after a few seconds.</summary>
    [Alias("Typing")]
    Task Typing(Participant typist);

    [Alias("Close")]
    Task<ConversationView> Close(Participant by);

    /// <summary>
    /// An agent taking part in the chat proposes a form: appends a <see cref="ConversationEventKind.FormProposed"/> event
    /// whose text is <paramref name="proposalJson"/> (built by the form session grain). Idempotent per session id.
    /// Errors: CONVERSATION_FORBIDDEN (not a participant), CONVERSATION_CLOSED.
    /// </summary>
    [Alias("AnnounceForm")]
    Task<ConversationEvent> AnnounceForm(Participant agent, Guid sessionId, string proposalJson);

    /// <summary>
    /// The view without a reader check, or null when never started: only for grains that authorized and audited the
    /// reader themselves (the agent workspace's customer panel). No hub or endpoint passes it through.
    /// </summary>
    [Alias("Describe")]
    Task<ConversationView?> Describe();
}
