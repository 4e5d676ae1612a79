using Kasse.Grains.Rules;
using Kasse.Rules;

namespace Kasse.Tests.Rules;

/// <summary>
/// A rule cannot make a decision allocate or run without bound, and a rule set whose test cases cost more than the
/// budget per decision is refused.
/// </summary>
public sealed class RuleBoundsTests
{
    public sealed record Probe(string? Name, int Count, IReadOnlyList<string> Tags);

    private static readonly Probe SampleProbe = new("Anna", 3, ["a", "b"]);

    private static string Workflow(string expression) =>
        System.Text.Json.JsonSerializer.Serialize(new { WorkflowName = "test", Rules = new[] { new { RuleName = "Wachstum", Expression = expression } } });

    [Theory]
    [InlineData("input.Name.PadLeft(1000000000).Length > 0", "PadLeft")]
    [InlineData("\"a\".PadRight(500000000).Replace(\"a\",\"bb\").Length > 0", "PadRight")]
    [InlineData("input.Name.Replace(\"a\", \"aaaaaaaaaa\").Length > 0", "Replace")]
    [InlineData("input.Name.Insert(0, input.Name).Length > 0", "Insert")]
    [InlineData("String.Join(input.Name, input.Tags).Length > 0", "Join")]
    [InlineData("String.Concat(input.Tags).Length > 0", "Concat")]
    [InlineData("String(' ', 1000000000).Length > 0", "String")]
    [InlineData("input.Count.ToString(\"D999999999\").Length > 0", "D999999999")]
    [InlineData("input.Count.ToString(input.Name).Length > 0", "ToString")]
    public void An_expression_that_can_grow_text_without_bound_is_refused_with_rule_and_position(string expression, string member)
    {
        var errors = RuleCompiler.Validate<Probe>(Workflow(expression));

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("Wachstum", e.RuleName));
        Assert.Contains(errors, e => e.Position == expression.IndexOf(member, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("input.Name.Trim().ToUpper().Substring(1, 2) == \"NN\"")]
    [InlineData("input.Name.Contains(\"nn\") && input.Name.StartsWith(\"A\") && input.Name.IndexOf('n') == 1")]
    [InlineData("(input.Name + \"-\" + input.Count) == \"Anna-3\"")]
    [InlineData("input.Name.Split('n').Length == 3")]
    [InlineData("input.Count.ToString(\"D2\") == \"03\"")]
    [InlineData("String.IsNullOrWhiteSpace(input.Name) == false")]
    public void Text_methods_that_return_at_most_what_they_were_given_stay_allowed(string expression) =>
        Assert.True(RuleCompiler.Compile<Probe>(Workflow(expression)).AllSucceed(SampleProbe));

    [Fact]
    public void A_test_case_whose_decision_allocates_more_than_the_budget_is_refused_naming_the_test_case()
    {
        var document = Document(
            "RuleFunctions.IsBlank(input.SteuerId) || input.SteuerId.ToCharArray().SelectMany(a => input.SteuerId.ToCharArray()).Count() > 0",
            ("Kurz", "36574261809"), ("Lang", new string('1', 1500)));

        var problems = RuleSetValidator.Validate(RuleSetCatalog.Find(RuleSetNames.SteuerIdStp)!, document, 2, DateTimeOffset.UtcNow);

        var problem = Assert.Single(problems);
        Assert.Equal(RuleSetProblem.BudgetKind, problem.Kind);
        Assert.Equal("Lang", problem.TestCase);
        Assert.StartsWith(RuleSetErrors.BudgetExceeded + ":", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_case_whose_decision_takes_longer_than_the_budget_is_refused()
    {
        var document = Document("RuleFunctions.IsValidSteuerId(input.SteuerId) || true", ("Kurz", "36574261809"));
        var budget = new RuleBudgetOptions { MaxDurationPerDecision = TimeSpan.Zero, MaxAllocatedBytesPerDecision = long.MaxValue };

        var problems = RuleSetValidator.Validate(RuleSetCatalog.Find(RuleSetNames.SteuerIdStp)!, document, 2, DateTimeOffset.UtcNow, budget);

        var problem = Assert.Single(problems);
        Assert.Equal((RuleSetProblem.BudgetKind, "Kurz"), (problem.Kind, problem.TestCase));
        Assert.Empty(RuleSetValidator.Validate(RuleSetCatalog.Find(RuleSetNames.SteuerIdStp)!, document, 2, DateTimeOffset.UtcNow));
    }

    /// <summary>A stp.steuer-id document with one rule and test cases that all expect Accepted.</summary>
    private static RuleSetDocument Document(string expression, params (string Name, string SteuerId)[] testCases) =>
        RuleSetDocument.Parse(System.Text.Json.JsonSerializer.Serialize(new
        {
            description = "Budget",
            safeOutcome = "Rejected",
            workflow = new { WorkflowName = RuleSetNames.SteuerIdStp, Rules = new[] { new { RuleName = "Teuer", Expression = expression } } },
            testCases = testCases.Select(t => new
            {
                name = t.Name,
                input = new
                {
                    kvnr = "A123456780",
                    steuerId = t.SteuerId,
                    prefillSteuerId = (string?)null,
                    birthDate = "1980-05-01",
                    deadline = "2026-12-31",
                    confirmationAccepted = true,
                    today = "2026-11-23",
                },
                expectedOutcome = "Accepted",
            }).ToArray(),
        }));
}
