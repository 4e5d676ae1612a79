using System.Text.RegularExpressions;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Rules;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// One offer with its three rules compiled once and its context weights by channel in an array (thread-safe; shared
/// by every decision on a silo).
/// </summary>
public sealed class CompiledOffer
{
    private readonly CompiledRuleSet<CustomerFacts> _rules;
    private readonly double[] _contextWeightByChannel; // 0 where not offered

    public CompiledOffer(OfferDefinition definition, int index, CompiledRuleSet<CustomerFacts> rules)
    {
        Definition = definition;
        Index = index;
        _rules = rules;
        var channels = Enum.GetValues<ContactChannel>();
        _contextWeightByChannel = new double[channels.Max(c => (int)c) + 1];
        foreach (var (channel, weight) in definition.ContextWeights ?? new Dictionary<ContactChannel, double>())
        {
            if ((int)channel >= 0 && (int)channel < _contextWeightByChannel.Length && weight > 0)
                _contextWeightByChannel[(int)channel] = weight;
        }
    }

    public OfferDefinition Definition { get; }

    /// <summary>The offer's place in the catalogue (indexes arrays of per-offer numbers).</summary>
    public int Index { get; }

    /// <summary>Eligible, applicable and suitable (a rule that throws counts as not holding).</summary>
    public bool Holds(CustomerFacts facts) => _rules.AllSucceed(facts);

    /// <summary>
    /// The deterministic part of the arbitration: context weight (of the channel, times the boost when the person
    /// looked at this offer's tariff last) × business value × lever. 0: not offered on this channel.
    /// </summary>
    public double Weight(ContactChannel channel, CustomerFacts facts)
    {
        var weight = (uint)channel < (uint)_contextWeightByChannel.Length ? _contextWeightByChannel[(int)channel] : 0;
        if (weight <= 0)
            return 0;
        if (Definition.Tariff is not null && string.Equals(Definition.Tariff, facts.LastTariffViewed, StringComparison.OrdinalIgnoreCase))
            weight *= Definition.LastViewedBoost;
        return weight * Definition.BusinessValue * Definition.Lever;
    }
}

/// <summary>
/// A catalogue version compiled: validation (ids, texts, numbers, rules via <see cref="RuleCompiler"/> over
/// <see cref="CustomerFacts"/>) and the compiled offers.
/// </summary>
public sealed partial class CompiledOfferCatalog
{
    public const int MaxOffers = 200;

    private CompiledOfferCatalog(OfferCatalogVersion version, IReadOnlyList<CompiledOffer> offers)
    {
        Version = version;
        Offers = offers;
        ById = offers.ToDictionary(o => o.Definition.Id, StringComparer.Ordinal);
    }

    public OfferCatalogVersion Version { get; }

    public IReadOnlyList<CompiledOffer> Offers { get; }

    public IReadOnlyDictionary<string, CompiledOffer> ById { get; }

    /// <summary>Compiles; throws <see cref="CampaignException"/> (<c>OFFER_CATALOG_INVALID</c>) listing every problem.</summary>
    public static CompiledOfferCatalog Compile(OfferCatalogVersion version)
    {
        var errors = Validate(version.Document, out var offers);
        if (errors.Count > 0)
            throw new CampaignException(CampaignErrors.OfferInvalid, string.Join("; ", errors));
        return new CompiledOfferCatalog(version, offers);
    }

    /// <summary>Every problem of <paramref name="document"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(OfferCatalogDocument? document) => Validate(document, out _);

    private static List<string> Validate(OfferCatalogDocument? document, out List<CompiledOffer> compiled)
    {
        var errors = new List<string>();
        compiled = [];
        if (document?.Offers is null || document.Offers.Count == 0)
        {
            errors.Add("the catalogue has no offers");
            return errors;
        }
        if (document.Offers.Count > MaxOffers)
            errors.Add($"at most {MaxOffers} offers");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Offers.Count; i++)
        {
            var offer = document.Offers[i];
            if (offer is null)
            {
                errors.Add($"offer {i + 1} is empty");
                continue;
            }
            var name = $"offer '{offer.Id}'";
            if (offer.Id is null || !OfferId().IsMatch(offer.Id))
                errors.Add($"offer {i + 1}: the id must be 1–64 of a-z, 0-9 and -");
            else if (!ids.Add(offer.Id))
                errors.Add($"{name}: the id is used twice");
            CheckTexts(offer.De, $"{name} (de)", errors);
            CheckTexts(offer.En, $"{name} (en)", errors);
            if (offer.Tariff is { Length: > 64 })
                errors.Add($"{name}: the tariff has more than 64 characters");
            if (!double.IsFinite(offer.BusinessValue) || offer.BusinessValue <= 0)
                errors.Add($"{name}: the business value must be above 0");
            if (!double.IsFinite(offer.Lever) || offer.Lever <= 0)
                errors.Add($"{name}: the lever must be above 0");
            if (!double.IsFinite(offer.LastViewedBoost) || offer.LastViewedBoost < 1)
                errors.Add($"{name}: the boost for the tariff last viewed must be at least 1");
            if (offer.ContextWeights is null || offer.ContextWeights.Count == 0)
                errors.Add($"{name}: context weights are missing (one per channel it may be shown on)");
            else
            {
                foreach (var (channel, weight) in offer.ContextWeights)
                {
                    if (!Enum.IsDefined(channel))
                        errors.Add($"{name}: unknown channel {(int)channel}");
                    if (!double.IsFinite(weight) || weight < 0)
                        errors.Add($"{name}: the context weight of {channel} must be 0 or more");
                }
            }
            if (!Enum.IsDefined(offer.Purpose))
                errors.Add($"{name}: unknown purpose");
            var rules = CompileRules(offer, name, errors);
            if (rules is not null)
                compiled.Add(new CompiledOffer(offer, compiled.Count, rules));
        }
        return errors;
    }

    private static CompiledRuleSet<CustomerFacts>? CompileRules(OfferDefinition offer, string name, List<string> errors)
    {
        var workflow = new RuleWorkflow(offer.Id ?? "offer",
        [
            new RuleDefinition("eligibility", Expression(offer.Eligibility)),
            new RuleDefinition("applicability", Expression(offer.Applicability)),
            new RuleDefinition("suitability", Expression(offer.Suitability)),
        ]);
        try
        {
            return RuleCompiler.Compile<CustomerFacts>(workflow);
        }
        catch (RuleCompilationException e)
        {
            errors.AddRange(e.Errors.Select(error => $"{name}: {error}"));
            return null;
        }
    }

    private static string Expression(string? rule) => string.IsNullOrWhiteSpace(rule) ? "true" : rule;

    private static void CheckTexts(OfferTexts? texts, string name, List<string> errors)
    {
        if (texts is null || string.IsNullOrWhiteSpace(texts.Title) || string.IsNullOrWhiteSpace(texts.Text) || string.IsNullOrWhiteSpace(texts.Action))
            errors.Add($"{name}: title, text and action are needed");
        else if (texts.Title.Length > 120 || texts.Text.Length > 500 || texts.Action.Length > 60)
            errors.Add($"{name}: the texts are too long (title 120, text 500, action 60 characters)");
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex OfferId();
}
