using System.Diagnostics.Metrics;
using Kasse.Rules;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Rules;

/// <summary>
/// Where every channel asks the rule set: decides with this silo's active compiled version. A rule that throws, or a
/// rule set with no active version, yields <see cref="DecisionOutcome.SafeFallback"/>; the caller applies the rule
/// set's safe outcome (<see cref="Effective"/>). Fallbacks are logged (names only, no input data) and counted.
/// </summary>
public sealed partial class RuleEvaluator(
    ActiveRuleSets active, IDecisionLog decisions, TimeProvider clock, ILogger<RuleEvaluator> logger, IMeterFactory meters)
{
    private readonly Counter<long> _fallbacks = meters.Create("Kasse").CreateCounter<long>(
        "kasse.rules.fallbacks", description: "Decisions that fell back to the safe outcome (rule error or no active version)");

    public RuleDecision Decide<TInput>(string ruleSet, TInput input)
        where TInput : class
    {
        if (active.Find(ruleSet) is not RuleSetEngine<TInput> engine)
        {
            LogNoActiveVersion(logger, ruleSet);
            _fallbacks.Add(1, new KeyValuePair<string, object?>("rule_set", ruleSet));
            return new RuleDecision(ruleSet, null, DecisionOutcome.SafeFallback, [], [], [], [], [], clock.GetUtcNow());
        }
        var decision = engine.Decide(input, clock.GetUtcNow());
        if (decision.Outcome == DecisionOutcome.SafeFallback)
        {
            LogRuleErrors(logger, ruleSet, engine.Version, string.Join(", ", decision.ErrorRules));
            _fallbacks.Add(1, new KeyValuePair<string, object?>("rule_set", ruleSet));
        }
        return decision;
    }

    /// <summary>
    /// Decides and records the decision for its subject (e.g. <c>case</c>, <c>V2026000001</c>) before returning it, so
    /// nothing acts on a decision that is not on record.
    /// </summary>
    public async Task<RuleDecision> DecideAndRecordAsync<TInput>(string ruleSet, TInput input, string subjectType, string subjectId)
        where TInput : class
    {
        var decision = Decide(ruleSet, input);
        await decisions.AppendAsync(subjectType, subjectId, decision);
        return decision;
    }

    /// <summary>The outcome to act on: the decided one, or the rule set's safe outcome after a fallback.</summary>
    public DecisionOutcome Effective(RuleDecision decision) =>
        decision.Outcome != DecisionOutcome.SafeFallback ? decision.Outcome
        : active.Find(decision.RuleSet)?.SafeOutcome ?? DecisionOutcome.Rejected;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule set {RuleSet} has no active version on this silo; safe outcome applies")]
    private static partial void LogNoActiveVersion(ILogger logger, string ruleSet);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule set {RuleSet} version {Version}: rules {Rules} threw; safe outcome applies")]
    private static partial void LogRuleErrors(ILogger logger, string ruleSet, int version, string rules);
}
