namespace Kasse.Inbox;

/// <summary>
/// One incoming message of a work item (an e-mail from the mail gateway). <see cref="MessageId"/> is the RFC 5322
/// Message-ID, by which later replies (In-Reply-To, References) find this item.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.WorkItemMessage")]
public sealed record WorkItemMessage(
    [property: Id(0)] string? MessageId,
    [property: Id(1)] string? From,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] DateTimeOffset ReceivedAt);
