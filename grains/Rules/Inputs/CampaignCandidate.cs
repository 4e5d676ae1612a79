namespace Kasse.Grains.Rules.Inputs;

/// <summary>An insured person as a campaign sees them (pseudonymised: no name, no KVNR).</summary>
public sealed record CampaignCandidate(
    int Age,
    bool AdvertisingConsent,
    bool ObjectedToTargeting,
    string PreferredChannel,
    bool BonusProgramme,
    string? Tariff,
    int ContactsLast30Days);
