using Kasse.Grains.Inbox;
using Kasse.Grains.Rules.Inputs;
using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>
/// The routing document (<c>routing.workflow</c>): a rule set whose rules are filters on <see cref="RoutingWorkflowInput"/>
/// and whose success events are routes (<see cref="RouteSpec"/>). Versioned, validated, tested and published like any
/// rule set; a route that does not parse is a compilation error of its rule, so it is refused before publication.
/// </summary>
public sealed class RoutingWorkflowKind() : RuleSetKind(RuleSetNames.RoutingWorkflow, RuleSetNames.DescriptionOf(RuleSetNames.RoutingWorkflow))
{
    public override Type InputType => typeof(RoutingWorkflowInput);

    public override RuleSetEngine Compile(RuleSetDocument document, int version)
    {
        var errors = new List<RuleCompilationError>();
        foreach (var rule in RuleWorkflow.Parse(document.WorkflowJson).Rules.Where(r => r.Enabled))
        {
            try
            {
                RouteSpec.Parse(rule.SuccessEvent ?? "");
            }
            catch (FormatException e)
            {
                errors.Add(new RuleCompilationError(rule.RuleName, rule.SuccessEvent, -1, e.Message));
            }
        }
        if (errors.Count > 0)
            throw new RuleCompilationException(errors);
        return new RuleSetEngine<RoutingWorkflowInput>(Name, version, document.SafeOutcome, RuleCompiler.Compile<RoutingWorkflowInput>(document.WorkflowJson));
    }
}
