using System.Text.Json;
using System.Text.RegularExpressions;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The imported data as the case type's form starts with it (field ids of the shipped definitions). The form session
/// drops a value whose shape does not fit, so a bad import value leaves the field empty rather than failing the start.
/// </summary>
public static partial class PinCasePrefill
{
    public static IReadOnlyDictionary<string, string> Of(PinCaseData data)
    {
        var prefill = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (data.CaseType)
        {
            case PinCaseType.SteuerId:
                prefill["kvnr"] = Json(data.Kvnr);
                if (data.PrefillSteuerId is { } steuerId)
                    prefill["steuerId"] = Json(steuerId);
                break;
            case PinCaseType.SepaMandat:
                prefill["kontoinhaberName"] = Json($"{data.FirstName} {data.LastName}");
                if (Address(data) is { } address)
                    prefill["kontoinhaberAdresse"] = address;
                if (data.PrefillIban is { } iban)
                    prefill["iban"] = Json(iban);
                prefill["ort"] = Json(data.City);
                break;
            case PinCaseType.Unfallfragebogen:
                break;
        }
        return prefill;
    }

    /// <summary>The address field's value: the imported street split into street and house number where it ends in one.</summary>
    private static string? Address(PinCaseData data)
    {
        var match = StreetAndNumber().Match(data.Street.Trim());
        if (!match.Success)
            return null;
        return JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["street"] = match.Groups["street"].Value,
            ["houseNumber"] = match.Groups["number"].Value,
            ["postalCode"] = data.PostalCode,
            ["city"] = data.City,
        });
    }

    private static string Json(string value) => JsonSerializer.Serialize(value);

    [GeneratedRegex(@"^(?<street>.+?)\s+(?<number>\d+\s?[A-Za-z]?(?:\s?[-/]\s?\d+\s?[A-Za-z]?)?)$")]
    private static partial Regex StreetAndNumber();
}
