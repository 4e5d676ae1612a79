namespace Kasse.Inbox;

/// <summary>
/// An insured person asks to be called back (from the portal). <see cref="CustomerKey"/> is the pseudonymous key of
/// their grain; <see cref="ClientRequestId"/> is chosen by the client, so a repeated request creates one item.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.CallbackRequest")]
public sealed record CallbackRequest(
    [property: Id(0)] string CustomerKey,
    [property: Id(1)] string ClientRequestId,
    [property: Id(2)] string Topic,
    [property: Id(3)] string? Phone,
    [property: Id(4)] DateTimeOffset? PreferredFrom);
