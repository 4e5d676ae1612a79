using Kasse.Campaigns;
using Kasse.Grains.Rules;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// A stored campaign definition with its target-group rules compiled once: decides for one customer's facts which
/// group they belong to, whether they are held out as control, which channels reach them in which order, and which
/// content variant they get. Pure and thread-safe: the batch, the trigger and the tests share it.
/// </summary>
public sealed class CompiledCampaign
{
    private readonly CompiledRuleSet<CustomerFacts> _rules;

    private CompiledCampaign(string campaignId, int version, CampaignDefinition definition, CompiledRuleSet<CustomerFacts> rules)
    {
        CampaignId = campaignId;
        Version = version;
        Definition = definition;
        _rules = rules;
    }

    public string CampaignId { get; }

    public int Version { get; }

    public CampaignDefinition Definition { get; }

    /// <summary>Compiles a definition that passed <see cref="CampaignDefinitionValidator"/>.</summary>
    public static CompiledCampaign Compile(string campaignId, int version, CampaignDefinition definition)
    {
        var problems = new List<string>();
        var rules = CampaignDefinitionValidator.CompileRules(definition.TargetGroups, problems)
            ?? throw new CampaignException(CampaignErrors.CampaignInvalid, string.Join(" ", problems));
        return new CompiledCampaign(campaignId, version, definition, rules);
    }

    /// <summary>What the campaign does with one customer, before the volume limits and the contact policy.</summary>
    public CustomerPlan Plan(CustomerFacts facts)
    {
        var group = TargetGroupOf(facts);
        if (group < 0)
            return CustomerPlan.NotTargeted;
        if (InControlGroup(facts.CustomerKey))
            return new CustomerPlan(CustomerPlanKind.Control, group, [], ContactRefusal.None);
        // Pre-filter on the master data; the customer grain decides again with the consents it owns.
        if (facts.ObjectedToTargeting)
            return new CustomerPlan(CustomerPlanKind.Refused, group, [], ContactRefusal.Objection);
        if (Definition.Purpose == ContactPurpose.Marketing && !facts.AdvertisingConsent)
            return new CustomerPlan(CustomerPlanKind.Refused, group, [], ContactRefusal.NoAdvertisingConsent);
        var channels = ChannelsFor(group, facts);
        return channels.Count == 0
            ? new CustomerPlan(CustomerPlanKind.Refused, group, [], ContactRefusal.ChannelNotAllowed)
            : new CustomerPlan(CustomerPlanKind.Contact, group, channels, ContactRefusal.None);
    }

    /// <summary>The index of the first target group whose rule holds (a rule that throws does not hold); -1 for none.</summary>
    public int TargetGroupOf(CustomerFacts facts)
    {
        for (var i = 0; i < _rules.Count; i++)
        {
            if (_rules.EvaluateRule(i, facts) == RuleOutcome.Succeeded)
                return i;
        }
        return -1;
    }

    /// <summary>Held out to measure success: a stable share of the targeted customers, by a hash of campaign and customer.</summary>
    public bool InControlGroup(string customerKey) =>
        Definition.ControlGroupPercent > 0 && StableHash.Bucket("control", CampaignId, customerKey, 100) < Definition.ControlGroupPercent;

    /// <summary>
    /// The group's channels in order of preference, the customer's preferred channel first when the group says so,
    /// without the ones that cannot reach them (no e-mail address: no e-mail; no phone number: no call, no SMS).
    /// </summary>
    public IReadOnlyList<ContactChannel> ChannelsFor(int group, CustomerFacts facts)
    {
        var target = Definition.TargetGroups[group];
        var ordered = new List<ContactChannel>(target.Channels.Count);
        if (target.PreferCustomerChannel && PreferredContactChannel(facts.PreferredChannel) is { } preferred && target.Channels.Contains(preferred))
            ordered.Add(preferred);
        ordered.AddRange(target.Channels.Where(c => !ordered.Contains(c)));
        ordered.RemoveAll(c => !Reaches(c, facts));
        return ordered;
    }

    /// <summary>The variant for a channel: among the group's variants for that channel (or, when it has none, for every channel), by weight, stably per customer.</summary>
    public ContentVariant VariantFor(int group, ContactChannel channel, string customerKey)
    {
        var variants = Definition.TargetGroups[group].Variants;
        var candidates = variants.Where(v => v.Channel == channel).ToList();
        if (candidates.Count == 0)
            candidates = variants.Where(v => v.Channel is null).ToList();
        var total = candidates.Sum(v => v.Weight);
        var point = StableHash.Bucket("variant", CampaignId, customerKey, total);
        foreach (var variant in candidates)
        {
            if (point < variant.Weight)
                return variant;
            point -= variant.Weight;
        }
        return candidates[^1];
    }

    public ContentVariant? FindVariant(string? variantId) =>
        variantId is null ? null : Definition.TargetGroups.SelectMany(g => g.Variants).FirstOrDefault(v => v.Id == variantId);

    public static bool Reaches(ContactChannel channel, CustomerFacts facts) => channel switch
    {
        ContactChannel.Email => facts.HasEmail,
        ContactChannel.Phone or ContactChannel.Sms => facts.HasPhone,
        _ => true,
    };

    /// <summary>The contact channel of a preferred-channel code as rules see it (EMAIL, POST, APP, TELEFON, SMS).</summary>
    public static ContactChannel? PreferredContactChannel(string? code) => code switch
    {
        "EMAIL" => ContactChannel.Email,
        "POST" => ContactChannel.Letter,
        "APP" => ContactChannel.AppPush,
        "TELEFON" => ContactChannel.Phone,
        "SMS" => ContactChannel.Sms,
        _ => null,
    };
}

public enum CustomerPlanKind
{
    NotTargeted = 0,
    Control = 1,
    Refused = 2,
    Contact = 3,
}

/// <summary>The campaign's decision about one customer: the target group, and the candidate channels in order.</summary>
public sealed record CustomerPlan(CustomerPlanKind Kind, int Group, IReadOnlyList<ContactChannel> Channels, ContactRefusal Refusal)
{
    public static readonly CustomerPlan NotTargeted = new(CustomerPlanKind.NotTargeted, -1, [], ContactRefusal.None);
}
