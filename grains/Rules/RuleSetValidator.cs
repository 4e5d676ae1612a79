using Kasse.Rules;
namespace Kasse.Grains.Rules;

/// <summary>
/// What stands between a draft and publication: every expression compiles, every test case decides as expected, and
/// no test case's decision costs more than the budget (<see cref="RuleBudgetOptions"/>).
/// </summary>
public static class RuleSetValidator
{
    /// <summary>Runs measured per test case at most; the best run counts, so one descheduled run does not refuse.</summary>
    private const int MeasuredRuns = 3;

    public static IReadOnlyList<RuleSetProblem> Validate(
        RuleSetKind kind, RuleSetDocument document, int version, DateTimeOffset now, RuleBudgetOptions? budget = null)
    {
        budget ??= new RuleBudgetOptions();
        RuleSetEngine engine;
        try
        {
            engine = kind.Compile(document, version);
        }
        catch (RuleCompilationException e)
        {
            return e.Errors
                .Select(error => new RuleSetProblem(
                    error.RuleName is null ? RuleSetProblem.DocumentKind : RuleSetProblem.ExpressionKind,
                    error.RuleName, error.Expression, error.Position, error.Message))
                .ToArray();
        }

        var problems = new List<RuleSetProblem>();
        foreach (var testCase in document.TestCases ?? [])
        {
            RuleDecision decision;
            try
            {
                decision = engine.DecideJson(testCase.Input, now);
            }
            catch (RuleSetException e)
            {
                problems.Add(new RuleSetProblem(RuleSetProblem.TestCaseKind, null, null, -1, e.Message, testCase.Name));
                continue;
            }
            if (OverBudget(engine, testCase, budget) is { } overBudget)
                problems.Add(overBudget);
            if (decision.Outcome != testCase.ExpectedOutcome)
            {
                var detail = decision.ErrorRules.Count > 0
                    ? $"Regeln mit Laufzeitfehler: {string.Join(", ", decision.ErrorRules)}"
                    : $"nicht erfüllt: {(decision.FailedRules.Count == 0 ? "keine" : string.Join(", ", decision.FailedRules))}";
                problems.Add(new RuleSetProblem(
                    RuleSetProblem.TestCaseKind, null, null, -1,
                    $"erwartet {testCase.ExpectedOutcome}, entschieden {decision.Outcome} ({detail})", testCase.Name));
            }
            else if (testCase.ExpectedFailedRules is { } expected && !expected.Order(StringComparer.Ordinal).SequenceEqual(decision.FailedRules.Order(StringComparer.Ordinal)))
            {
                problems.Add(new RuleSetProblem(
                    RuleSetProblem.TestCaseKind, null, null, -1,
                    $"erwartet nicht erfüllt: {string.Join(", ", expected)}; tatsächlich: {string.Join(", ", decision.FailedRules)}", testCase.Name));
            }
        }
        return problems;
    }

    /// <summary>
    /// The test case's decision measured after the first (unmeasured) one, which pays for first calls (JIT, caches):
    /// allocation is steady from then on, time is the best of up to <see cref="MeasuredRuns"/> runs.
    /// </summary>
    private static RuleSetProblem? OverBudget(RuleSetEngine engine, RuleSetTestCase testCase, RuleBudgetOptions budget)
    {
        var best = new RuleDecisionCost(TimeSpan.MaxValue, long.MaxValue);
        for (var run = 0; run < MeasuredRuns; run++)
        {
            var cost = engine.MeasureJson(testCase.Input);
            best = new RuleDecisionCost(
                cost.Duration < best.Duration ? cost.Duration : best.Duration, Math.Min(cost.AllocatedBytes, best.AllocatedBytes));
            if (best.Duration <= budget.MaxDurationPerDecision && best.AllocatedBytes <= budget.MaxAllocatedBytesPerDecision)
                return null;
        }
        return new RuleSetProblem(
            RuleSetProblem.BudgetKind, null, null, -1,
            $"{RuleSetErrors.BudgetExceeded}: eine Entscheidung kostet {best.Duration.TotalMilliseconds:0.#} ms und {best.AllocatedBytes:N0} Bytes; "
            + $"erlaubt sind {budget.MaxDurationPerDecision.TotalMilliseconds:0.#} ms und {budget.MaxAllocatedBytesPerDecision:N0} Bytes je Entscheidung.",
            testCase.Name);
    }
}
