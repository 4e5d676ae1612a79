using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Campaigns;
using Kasse.Customers;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The consent changes a person made (portal, app, agent), folded: each field a change touched overrides the data
/// warehouse's value from then on; untouched fields keep following the nightly delivery. Objection is never delivered
/// by the warehouse, so only changes set it.
/// </summary>
public sealed class ConsentOverrides
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HashSet<string> _changeIds = new(StringComparer.Ordinal);

    public bool? AdvertisingConsent { get; private set; }

    public bool Objection { get; private set; }

    public PreferredChannel? PreferredChannel { get; private set; }

    public int? Priority { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    public string? ChangedBy { get; private set; }

    public bool Knows(string changeId) => _changeIds.Contains(changeId);

    public void Apply(ConsentChange change, DateTimeOffset at)
    {
        _changeIds.Add(change.ChangeId);
        switch (change.Kind)
        {
            case ConsentChangeKind.AdvertisingConsentGiven:
                AdvertisingConsent = true;
                break;
            case ConsentChangeKind.AdvertisingConsentWithdrawn:
                AdvertisingConsent = false;
                break;
            case ConsentChangeKind.ObjectionDeclared:
                Objection = true;
                break;
            case ConsentChangeKind.ObjectionWithdrawn:
                Objection = false;
                break;
            case ConsentChangeKind.PreferredChannelChanged:
                PreferredChannel = change.PreferredChannel;
                break;
            case ConsentChangeKind.PriorityChanged:
                Priority = change.Priority;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown consent change");
        }
        ChangedAt = at;
        ChangedBy = change.Actor;
    }

    public CustomerConsents Over(bool advertisingConsent, PreferredChannel preferredChannel) => new(
        AdvertisingConsent ?? advertisingConsent,
        Objection,
        PreferredChannel ?? preferredChannel,
        Priority ?? CustomerFactsBuilder.DefaultPriority,
        ChangedAt,
        ChangedBy);

    /// <summary>Why a change is malformed, or null (the grain refuses it before anything is stored).</summary>
    public static string? Invalid(ConsentChange change) => change switch
    {
        { ChangeId.Length: 0 or > 100 } => "changeId must have 1 to 100 characters",
        { Actor.Length: 0 or > 200 } => "actor must have 1 to 200 characters",
        { Source.Length: 0 or > 40 } => "source must have 1 to 40 characters",
        _ when !Enum.IsDefined(change.Kind) => "unknown kind",
        { Kind: ConsentChangeKind.PreferredChannelChanged, PreferredChannel: null } => "preferredChannel is required",
        { Kind: ConsentChangeKind.PreferredChannelChanged, PreferredChannel: { } channel } when !Enum.IsDefined(channel) => "unknown preferredChannel",
        { Kind: ConsentChangeKind.PriorityChanged, Priority: null or < 0 or > 100 } => "priority must be 0 to 100",
        _ => null,
    };

    public static string ToJson(ConsentChange change) => JsonSerializer.Serialize(change, Json);

    public static ConsentChange FromJson(string json) =>
        JsonSerializer.Deserialize<ConsentChange>(json, Json) ?? throw new InvalidDataException("empty consent change");
}
