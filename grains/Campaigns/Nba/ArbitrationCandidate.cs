namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// An offer that passed its rules, as the arbitration sees it: the posterior Beta(α, β) of its propensity on the
/// channel and its weight (context weight × business value × lever).
/// </summary>
public readonly record struct ArbitrationCandidate(string OfferId, double Alpha, double Beta, double Weight);
