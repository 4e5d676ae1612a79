namespace Kasse.Grains.Rules;

/// <summary>
/// A rule set compiled once to one delegate per rule; thread-safe and immutable, so one instance serves every call on
/// a silo. A rule that throws is reported as <see cref="RuleOutcome.Error"/> and never stops the other rules.
/// </summary>
public sealed class CompiledRuleSet<TInput>
{
    private readonly Func<TInput, bool>[] _predicates;

    internal CompiledRuleSet(string workflowName, RuleDefinition[] rules, Func<TInput, bool>[] predicates)
    {
        WorkflowName = workflowName;
        Rules = rules;
        _predicates = predicates;
    }

    public string WorkflowName { get; }

    /// <summary>The enabled rules, in evaluation order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    public int Count => _predicates.Length;

    /// <summary>Evaluates every rule; allocates the result, one outcome array, and an error array only when a rule throws.</summary>
    public RuleSetResult Evaluate(TInput input)
    {
        var outcomes = new RuleOutcome[_predicates.Length];
        Exception?[]? errors = null;
        int succeeded = 0, failed = 0, thrown = 0;
        for (var i = 0; i < _predicates.Length; i++)
        {
            try
            {
                if (_predicates[i](input))
                {
                    outcomes[i] = RuleOutcome.Succeeded;
                    succeeded++;
                }
                else
                {
                    outcomes[i] = RuleOutcome.Failed;
                    failed++;
                }
            }
            catch (Exception e)
            {
                outcomes[i] = RuleOutcome.Error;
                (errors ??= new Exception?[_predicates.Length])[i] = e;
                thrown++;
            }
        }
        return new RuleSetResult(WorkflowName, Rules, outcomes, errors, new RuleSetSummary(succeeded, failed, thrown));
    }

    /// <summary>
    /// Evaluates every rule into <paramref name="outcomes"/> (at least <see cref="Count"/> long, in the order of
    /// <see cref="Rules"/>) without allocating; the exceptions of throwing rules are not kept.
    /// </summary>
    public RuleSetSummary Evaluate(TInput input, Span<RuleOutcome> outcomes)
    {
        if (outcomes.Length < _predicates.Length)
            throw new ArgumentException($"room for {_predicates.Length} outcomes needed", nameof(outcomes));
        int succeeded = 0, failed = 0, thrown = 0;
        for (var i = 0; i < _predicates.Length; i++)
        {
            var outcome = EvaluateRule(i, input);
            outcomes[i] = outcome;
            switch (outcome)
            {
                case RuleOutcome.Succeeded: succeeded++; break;
                case RuleOutcome.Failed: failed++; break;
                default: thrown++; break;
            }
        }
        return new RuleSetSummary(succeeded, failed, thrown);
    }

    /// <summary>True when every rule fires; stops at the first that does not (false or throws). Allocates nothing.</summary>
    public bool AllSucceed(TInput input)
    {
        for (var i = 0; i < _predicates.Length; i++)
        {
            if (EvaluateRule(i, input) != RuleOutcome.Succeeded)
                return false;
        }
        return true;
    }

    /// <summary>One rule by its index in <see cref="Rules"/>.</summary>
    public RuleOutcome EvaluateRule(int index, TInput input)
    {
        var predicate = _predicates[index];
        try
        {
            return predicate(input) ? RuleOutcome.Succeeded : RuleOutcome.Failed;
        }
        catch (Exception)
        {
            return RuleOutcome.Error;
        }
    }
}
