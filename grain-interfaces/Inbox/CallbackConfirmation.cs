namespace Kasse.Inbox;

/// <summary>The answer to a callback request: a reference to quote, the work item, and what was understood.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.CallbackConfirmation")]
public sealed record CallbackConfirmation(
    [property: Id(0)] string Reference,
    [property: Id(1)] string WorkItemId,
    [property: Id(2)] string PhoneMasked,
    [property: Id(3)] DateTimeOffset? PreferredFrom);
