namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// Which telephony team calls whom: by the first digit of the postal code (Team Nord: 0–4, north and east; Team Süd:
/// 5–9, west and south). Team ids are those of the call-list URL.
/// </summary>
public static class CallListTeams
{
    public static IReadOnlyDictionary<string, string> Regions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nord"] = "01234",
        ["sued"] = "56789",
    };

    public static bool Serves(string team, string postalCode) =>
        Regions.TryGetValue(team, out var digits) && postalCode.Length > 0 && digits.Contains(postalCode[0], StringComparison.Ordinal);
}
