namespace Kasse.Grains.Rules;

/// <summary>What one evaluation of a rule set took: wall time and bytes allocated on the evaluating thread.</summary>
public readonly record struct RuleDecisionCost(TimeSpan Duration, long AllocatedBytes);
