using Kasse.Rules;
namespace Kasse.Grains.Rules;

/// <summary>Compares two versions rule by rule (by rule name), as a reviewer reads a change.</summary>
public static class RuleSetDiffer
{
    public static RuleSetDiff Compare(int from, RuleSetDocument before, int to, RuleSetDocument after)
    {
        var oldRules = RuleWorkflow.Parse(before.WorkflowJson).Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        var newRules = RuleWorkflow.Parse(after.WorkflowJson).Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        var changes = new List<RuleChange>();
        foreach (var (name, rule) in newRules)
        {
            if (!oldRules.TryGetValue(name, out var old))
                continue;
            Add(changes, name, "Expression", old.Expression, rule.Expression);
            Add(changes, name, "SuccessEvent", old.SuccessEvent, rule.SuccessEvent);
            Add(changes, name, "ErrorMessage", old.ErrorMessage, rule.ErrorMessage);
            Add(changes, name, "Enabled", old.Enabled.ToString(), rule.Enabled.ToString());
        }
        var oldTests = (before.TestCases ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var newTests = (after.TestCases ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new RuleSetDiff(
            from, to,
            newRules.Keys.Where(n => !oldRules.ContainsKey(n)).ToArray(),
            oldRules.Keys.Where(n => !newRules.ContainsKey(n)).ToArray(),
            changes,
            newTests.Where(n => !oldTests.Contains(n)).ToArray(),
            oldTests.Where(n => !newTests.Contains(n)).ToArray(),
            before.SafeOutcome != after.SafeOutcome,
            !string.Equals(before.Description, after.Description, StringComparison.Ordinal));
    }

    private static void Add(List<RuleChange> changes, string rule, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
            changes.Add(new RuleChange(rule, field, before, after));
    }
}
