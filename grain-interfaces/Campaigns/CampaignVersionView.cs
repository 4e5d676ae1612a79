namespace Kasse.Campaigns;

/// <summary>
/// One saved version of a campaign's definition: who saved it and when, which top-level fields of the definition it
/// changed against the version before (camelCase, as in the JSON; every field for version 1), and the definition itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignVersionView")]
public sealed record CampaignVersionView(
    [property: Id(0)] int Version,
    [property: Id(1)] string SavedBy,
    [property: Id(2)] DateTimeOffset SavedAt,
    [property: Id(3)] IReadOnlyList<string> Changed,
    [property: Id(4)] CampaignDefinition Definition);
