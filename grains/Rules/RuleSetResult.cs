namespace Kasse.Grains.Rules;

/// <summary>
/// The outcome of every rule of a rule set for one input: one array of outcomes, and the exceptions only when a rule
/// threw. The name lists are computed on demand.
/// </summary>
public sealed class RuleSetResult
{
    private readonly RuleOutcome[] _outcomes;
    private readonly Exception?[]? _errors;

    internal RuleSetResult(string workflowName, IReadOnlyList<RuleDefinition> rules, RuleOutcome[] outcomes, Exception?[]? errors, RuleSetSummary summary)
    {
        WorkflowName = workflowName;
        Rules = rules;
        _outcomes = outcomes;
        _errors = errors;
        Summary = summary;
    }

    public string WorkflowName { get; }

    /// <summary>The evaluated rules, in the order of <see cref="Outcomes"/>.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    public IReadOnlyList<RuleOutcome> Outcomes => _outcomes;

    public RuleSetSummary Summary { get; }

    public bool AllSucceeded => Summary.AllSucceeded;

    public bool HasErrors => Summary.Errors > 0;

    /// <summary>The rules that fired (expression true).</summary>
    public IEnumerable<string> SucceededRules => NamesWhere(static o => o == RuleOutcome.Succeeded);

    /// <summary>The rules that did not fire: false or threw.</summary>
    public IEnumerable<string> FailedRules => NamesWhere(static o => o is RuleOutcome.Failed or RuleOutcome.Error);

    /// <summary>The rules that threw (a subset of <see cref="FailedRules"/>).</summary>
    public IEnumerable<string> ErrorRules => NamesWhere(static o => o == RuleOutcome.Error);

    /// <summary>The <c>SuccessEvent</c> of every rule that fired and declares one.</summary>
    public IEnumerable<string> SuccessEvents
    {
        get
        {
            for (var i = 0; i < _outcomes.Length; i++)
            {
                if (_outcomes[i] == RuleOutcome.Succeeded && Rules[i].SuccessEvent is { } successEvent)
                    yield return successEvent;
            }
        }
    }

    /// <summary>The <c>ErrorMessage</c> (or, lacking one, the name) of every rule that did not fire, for the form.</summary>
    public IEnumerable<string> ErrorMessages
    {
        get
        {
            for (var i = 0; i < _outcomes.Length; i++)
            {
                if (_outcomes[i] is RuleOutcome.Failed or RuleOutcome.Error)
                    yield return Rules[i].ErrorMessage ?? Rules[i].RuleName;
            }
        }
    }

    /// <summary>The outcome of the rule named <paramref name="ruleName"/>; <see cref="RuleOutcome.None"/> when there is none.</summary>
    public RuleOutcome OutcomeOf(string ruleName)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (string.Equals(Rules[i].RuleName, ruleName, StringComparison.Ordinal))
                return _outcomes[i];
        }
        return RuleOutcome.None;
    }

    /// <summary>What the rule named <paramref name="ruleName"/> threw, if it did.</summary>
    public Exception? ErrorOf(string ruleName)
    {
        if (_errors is null)
            return null;
        for (var i = 0; i < Rules.Count; i++)
        {
            if (string.Equals(Rules[i].RuleName, ruleName, StringComparison.Ordinal))
                return _errors[i];
        }
        return null;
    }

    private IEnumerable<string> NamesWhere(Func<RuleOutcome, bool> predicate)
    {
        for (var i = 0; i < _outcomes.Length; i++)
        {
            if (predicate(_outcomes[i]))
                yield return Rules[i].RuleName;
        }
    }
}
