using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>The contact policy as JSON (camelCase, enums as names, dates <c>2026-12-24</c>, times <c>20:00</c>): stored and published so.</summary>
public static class ContactPolicyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ContactPolicyDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Parses a document; malformed JSON is refused with <c>CONTACT_POLICY_INVALID</c> and where it broke.</summary>
    public static ContactPolicyDocument Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ContactPolicyDocument>(json, Options)
                ?? throw new CampaignException(CampaignErrors.PolicyInvalid, "The policy document is empty.");
        }
        catch (JsonException e)
        {
            throw new CampaignException(CampaignErrors.PolicyInvalid, $"The policy document is not valid JSON ({e.Path}: {FirstLine(e.Message)}).");
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
