namespace Kasse.Inbox;

/// <summary>
/// The insured person waiting for a work item (a chat), so its queue can tell them their position: their user id (the
/// token subject the gateway pushes to) and the conversation the notices are about.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.PositionWatcher")]
public sealed record PositionWatcher(
    [property: Id(0)] string InsuredUserId,
    [property: Id(1)] Guid ConversationId);
