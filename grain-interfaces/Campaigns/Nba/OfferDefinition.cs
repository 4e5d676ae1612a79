namespace Kasse.Campaigns.Nba;

/// <summary>
/// One offer of the next-best-action catalogue. The three rules are expressions over <see cref="CustomerFacts"/>
/// (rule set language, <c>input.…</c>; empty means "always"): <see cref="Eligibility"/> — may this person have it at
/// all (e.g. not already insured in the tariff), <see cref="Applicability"/> — does it fit the person's situation,
/// <see cref="Suitability"/> — is it in the person's interest. Ranking: propensity × context weight × business value ×
/// lever (docs/campaigns.md, "Next best action").
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.OfferDefinition")]
public sealed record OfferDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] OfferTexts De,
    [property: Id(2)] OfferTexts En,
    [property: Id(3)] string? Tariff,
    [property: Id(4)] string Eligibility,
    [property: Id(5)] string Applicability,
    [property: Id(6)] string Suitability,
    [property: Id(7)] double BusinessValue,
    [property: Id(8)] double Lever,
    [property: Id(9)] IReadOnlyDictionary<ContactChannel, double> ContextWeights,
    [property: Id(10)] ContactPurpose Purpose = ContactPurpose.Marketing,
    [property: Id(11)] double LastViewedBoost = 1.0);

/// <summary>The texts of an offer in one language: a headline, one or two sentences, the label of the action.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.OfferTexts")]
public sealed record OfferTexts(
    [property: Id(0)] string Title,
    [property: Id(1)] string Text,
    [property: Id(2)] string Action);

/// <summary>The whole catalogue as published (one JSON document).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.OfferCatalogDocument")]
public sealed record OfferCatalogDocument(
    [property: Id(0)] IReadOnlyList<OfferDefinition> Offers);

/// <summary>A published version of the catalogue.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.OfferCatalogVersion")]
public sealed record OfferCatalogVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] OfferCatalogDocument Document,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] string PublishedBy);

/// <summary>
/// The offer catalogue (key 0): versions are stored append-only (<c>offer_catalog_versions</c>); the newest is active.
/// A new installation starts with the demo catalogue as version 1.
/// </summary>
[Alias("Kasse.Campaigns.Nba.IOfferCatalogGrain")]
public interface IOfferCatalogGrain : IGrainWithIntegerKey
{
    [Alias("GetActive")]
    Task<OfferCatalogVersion> GetActive();

    /// <summary>Validates (rules compile, ids unique, numbers in range) and publishes; throws <c>OFFER_CATALOG_INVALID</c>.</summary>
    [Alias("Publish")]
    Task<OfferCatalogVersion> Publish(OfferCatalogDocument document, string by);

    [Alias("ListVersions")]
    Task<IReadOnlyList<OfferCatalogVersion>> ListVersions();
}
