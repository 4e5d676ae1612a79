using System.Text.Json;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// What the results export reads from an event's JSON detail: the rule set that decided and its version, the reasons
/// (ClosedAutomatically / WithClerk), and the content hash of the submission (Submitted). Missing or unreadable
/// detail gives nulls: the export never fails on one case's detail.
/// </summary>
public sealed record PinEventDetail(string? RuleSet, int? RuleSetVersion, IReadOnlyList<string> Reasons, string? ContentHash)
{
    public static readonly PinEventDetail None = new(null, null, [], null);

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static PinEventDetail Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return None;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return None;
            string? ruleSet = null, contentHash = null;
            int? version = null;
            var reasons = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("ruleSet") && property.Value.ValueKind == JsonValueKind.String)
                    ruleSet = property.Value.GetString();
                else if (property.NameEquals("ruleSetVersion") && property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var v))
                    version = v;
                else if (property.NameEquals("contentHash") && property.Value.ValueKind == JsonValueKind.String)
                    contentHash = property.Value.GetString();
                else if (property.NameEquals("reasons") && property.Value.ValueKind == JsonValueKind.Array)
                    reasons.AddRange(property.Value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            }
            return new PinEventDetail(ruleSet, version, reasons, contentHash);
        }
        catch (JsonException)
        {
            return None;
        }
    }
}
