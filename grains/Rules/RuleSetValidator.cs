namespace Kasse.Rules;

/// <summary>What stands between a draft and publication: every expression compiles, every test case decides as expected.</summary>
public static class RuleSetValidator
{
    public static IReadOnlyList<RuleSetProblem> Validate(RuleSetKind kind, RuleSetDocument document, int version, DateTimeOffset now)
    {
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
}
