using Kasse.Grains.Rules.Inputs;
using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>Binds each rule set of <see cref="RuleSetNames"/> to the typed input it decides on.</summary>
public static class RuleSetCatalog
{
    public static IReadOnlyList<RuleSetKind> All { get; } =
    [
        Kind<SepaMandate>(RuleSetNames.SepaMandate),
        Kind<SteuerIdSubmission>(RuleSetNames.SteuerIdStp),
        Kind<SepaMandatSubmission>(RuleSetNames.SepaMandatStp),
        Kind<UnfallfragebogenSubmission>(RuleSetNames.UnfallfragebogenStp),
        Kind<RoutingRequest>(RuleSetNames.RoutingPriority),
        Kind<CampaignCandidate>(RuleSetNames.CampaignEligibility),
        new RoutingWorkflowKind(),
    ];

    public static RuleSetKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    private static RuleSetKind<TInput> Kind<TInput>(string name)
        where TInput : class => new(name, RuleSetNames.DescriptionOf(name));
}
