namespace Kasse.Inbox;

/// <summary>How an offer stands, with the offer itself while it is live (so a restarted agent can show it again).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.OfferCheck")]
public sealed record OfferCheck(
    [property: Id(0)] OfferStatus Status,
    [property: Id(1)] AgentOffer? Offer);
