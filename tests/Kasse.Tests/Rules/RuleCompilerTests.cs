using System.Text.RegularExpressions;
using Kasse.Grains.Rules;

namespace Kasse.Tests.Rules;

/// <summary>Compiling rule documents: errors with rule name and position, what a rule may not reach, and rules that throw.</summary>
public sealed class RuleCompilerTests
{
    public sealed record Probe(string? Name, int Count, int Zero, DateOnly Date, IReadOnlyList<string> Tags, ProbeKind Kind);

    public enum ProbeKind
    {
        Neu,
        Bestand,
    }

    private static readonly Probe SampleProbe = new("Anna", 3, 0, new DateOnly(2026, 6, 15), ["a", "b"], ProbeKind.Bestand);

    private static string Workflow(params (string Name, string Expression)[] rules) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            WorkflowName = "test",
            Rules = rules.Select(r => new { RuleName = r.Name, r.Expression }).ToArray(),
        });

    private static RuleSetResult Run(string expression, Probe? probe = null) =>
        RuleCompiler.Compile<Probe>(Workflow(("R", expression))).Evaluate(probe ?? SampleProbe);

    private static RuleCompilationException CompileError(string expression) =>
        Assert.Throws<RuleCompilationException>(() => RuleCompiler.Compile<Probe>(Workflow(("Kaputt", expression))));

    [Theory]
    [InlineData("input.Count == 3")]
    [InlineData("Count == 3")] // members of the input directly
    [InlineData("it.Count == 3")]
    [InlineData("input.Name.StartsWith(\"An\") && input.Name.Length == 4")]
    [InlineData("RuleFunctions.In(input.Name, \"Anna\", \"Bernd\")")]
    [InlineData("Kasse.Grains.Rules.RuleFunctions.Age(DateOnly(2008, 2, 29), input.Date) == 18")]
    [InlineData("input.Date > DateOnly(2026, 1, 1) && input.Date.Year == 2026")]
    [InlineData("input.Tags.Count == 2 && input.Tags.Any(t => t == \"b\")")]
    [InlineData("input.Kind == \"Bestand\"")]
    [InlineData("input.Name in (\"Anna\", \"Bernd\")")]
    [InlineData("Math.Max(input.Count, 1) == 3")]
    [InlineData("RuleFunctions.Matches(input.Name, \"^[A-Z][a-z]+$\")")]
    public void Expressions_may_use_the_input_the_functions_and_basic_types(string expression)
    {
        var result = Run(expression);
        Assert.Equal(RuleOutcome.Succeeded, result.OutcomeOf("R"));
    }

    [Fact]
    public void A_broken_expression_is_reported_with_rule_name_expression_and_position()
    {
        var json = Workflow(("Gut", "input.Count > 0"), ("Kaputt", "input.Count > 0 && input.Nmae == \"Anna\""));

        var error = Assert.Throws<RuleCompilationException>(() => RuleCompiler.Compile<Probe>(json));

        Assert.Equal("Kaputt", error.RuleName);
        Assert.Equal("input.Count > 0 && input.Nmae == \"Anna\"", error.Expression);
        Assert.Equal(25, error.Position); // "Nmae"
        Assert.Contains("Nmae", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'Kaputt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("position 25", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_reported_at_its_position()
    {
        var error = CompileError("(input.Count > 0");
        Assert.Equal("Kaputt", error.RuleName);
        Assert.Equal(16, error.Position);
    }

    [Fact]
    public void Every_broken_rule_is_listed()
    {
        var json = Workflow(("A", "input.Count >"), ("B", "input.Count > 0"), ("C", "RuleFunctions.Nope(1)"));

        var errors = RuleCompiler.Validate<Probe>(json);

        Assert.Equal(["A", "C"], errors.Select(e => e.RuleName));
        Assert.All(errors, e => Assert.True(e.Position >= 0, e.ToString()));
        Assert.Empty(RuleCompiler.Validate<Probe>(Workflow(("B", "input.Count > 0"))));
    }

    [Fact]
    public void An_expression_that_is_not_boolean_is_rejected() =>
        Assert.Equal("Kaputt", CompileError("input.Count + 1").RuleName);

    [Theory]
    [InlineData("System.IO.File.Exists(\"x\")")]
    [InlineData("File.Exists(\"/etc/passwd\")")]
    [InlineData("input.GetType().Name == \"Probe\"")]
    [InlineData("input.Name.GetType().Assembly != null")]
    [InlineData("Type.GetType(\"System.IO.File\") != null")]
    [InlineData("Environment.ProcessorCount > 0")]
    [InlineData("AppDomain.CurrentDomain != null")]
    [InlineData("Activator.CreateInstance(\"x\", \"y\") != null")]
    [InlineData("input.As(\"System.IO.FileInfo\") != null")]
    [InlineData("new(input.Name as Name) != null")]
    [InlineData("Kasse.Grains.Rules.RuleCompiler.Compile(\"{}\") != null")]
    [InlineData("RuleFunctions.GetRegex(\"x\") != null")]
    [InlineData("input.ToString() != null")]
    public void A_rule_cannot_reach_anything_but_the_input_the_functions_and_basic_types(string expression)
    {
        var error = CompileError(expression);
        Assert.Equal("Kaputt", error.RuleName);
        Assert.Equal(expression, error.Expression);
    }

    [Theory]
    [InlineData("DateTime.Now.Year > 2000")]
    [InlineData("DateTime.Today < DateTime.MaxValue")]
    [InlineData("DateTimeOffset.UtcNow.Year > 2000")]
    [InlineData("Guid.NewGuid() != Guid.Empty")]
    public void A_rule_cannot_read_the_clock_or_randomness(string expression)
    {
        var error = CompileError(expression);
        Assert.True(error.Position >= 0);
        Assert.Contains("not allowed", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_constant_regular_expression_is_a_compilation_error()
    {
        var error = CompileError("RuleFunctions.Matches(input.Name, \"([\")");
        Assert.Contains("regular expression", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_throws_is_reported_as_an_error_and_the_others_still_run()
    {
        var json = Workflow(
            ("Vorher", "input.Count == 3"),
            ("Division", "input.Count / input.Zero == 1"),
            ("Null", "input.Name.Trim() != \"\""),
            ("Regex", "RuleFunctions.Matches(input.Name, \"^(a+)+$\")"),
            ("Nachher", "input.Count == 3"));
        var rules = RuleCompiler.Compile<Probe>(json);
        var probe = SampleProbe with { Name = null };

        var result = rules.Evaluate(probe);

        Assert.Equal([RuleOutcome.Succeeded, RuleOutcome.Error, RuleOutcome.Error, RuleOutcome.Failed, RuleOutcome.Succeeded], result.Outcomes);
        Assert.True(result.HasErrors);
        Assert.Equal(["Division", "Null"], result.ErrorRules);
        Assert.Equal(["Division", "Null", "Regex"], result.FailedRules);
        Assert.Equal(["Vorher", "Nachher"], result.SucceededRules);
        Assert.IsType<DivideByZeroException>(result.ErrorOf("Division"));
        Assert.IsType<NullReferenceException>(result.ErrorOf("Null"));
        Assert.Null(result.ErrorOf("Nachher"));
        Assert.Equal(new RuleSetSummary(2, 1, 2), result.Summary);
        Assert.False(rules.AllSucceed(probe));

        Span<RuleOutcome> outcomes = stackalloc RuleOutcome[rules.Count];
        Assert.Equal(new RuleSetSummary(2, 1, 2), rules.Evaluate(probe, outcomes));
    }

    [Fact]
    public void A_regular_expression_that_runs_too_long_is_an_error_not_a_hang()
    {
        var result = Run("RuleFunctions.Matches(input.Name, \"^(a+)+$\")", SampleProbe with { Name = new string('a', 40) + "!" });
        Assert.Equal(RuleOutcome.Error, result.OutcomeOf("R"));
        Assert.IsType<RegexMatchTimeoutException>(result.ErrorOf("R"));
    }

    [Fact]
    public void The_rulesengine_workflow_format_is_read_as_written()
    {
        const string json = """
            [
              {
                "WorkflowName": "stp.steuer-id",
                "RuleExpressionType": "LambdaExpression",
                "GlobalParams": [],
                "Rules": [
                  { "RuleName": "Gueltig", "Expression": "RuleFunctions.IsValidSteuerId(input.Name)", "SuccessEvent": "dunkel", "ErrorMessage": "ungültig", "Enabled": true, "RuleExpressionType": "LambdaExpression", "Properties": { "owner": "stp" }, "Rules": null, "LocalParams": [] },
                  { "RuleName": "Abgeschaltet", "Expression": "input.Nichtda", "Enabled": false },
                  { "rulename": "KleinGeschrieben", "expression": "input.Count > 0" }
                ]
              }
            ]
            """;

        var rules = RuleCompiler.Compile<Probe>(json);

        Assert.Equal("stp.steuer-id", rules.WorkflowName);
        Assert.Equal(["Gueltig", "KleinGeschrieben"], rules.Rules.Select(r => r.RuleName));
        Assert.Equal("dunkel", rules.Rules[0].SuccessEvent);
        var result = rules.Evaluate(SampleProbe with { Name = "36574261809" });
        Assert.Equal(["dunkel"], result.SuccessEvents);
        Assert.Equal(["ungültig"], rules.Evaluate(SampleProbe).ErrorMessages);
    }

    [Theory]
    [InlineData("""{ "Rules": [ { "RuleName": "A", "Expression": "true" } ] }""", null, "WorkflowName")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [] }""", null, "no Rules")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Expression": "true" }, { "RuleName": "A", "Expression": "false" } ] }""", "A", "more than once")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Expression": " " } ] }""", "A", "no Expression")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "Expression": "true" } ] }""", null, "no RuleName")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Operator": "And", "Rules": [ { "RuleName": "B", "Expression": "true" } ] } ] }""", "A", "nested")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Expression": "x", "LocalParams": [ { "Name": "x", "Expression": "true" } ] } ] }""", "A", "LocalParams")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Expression": "true", "Actions": { "OnSuccess": { "Name": "OutputExpression" } } } ] }""", "A", "Actions")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Expression": "true", "RuleExpressionType": "Other" } ] }""", "A", "RuleExpressionType")]
    [InlineData("""{ "WorkflowName": "w", "Rules": [ { "RuleName": "A", "Expression": "true" } ] """, null, "not valid JSON")]
    [InlineData("""[]""", null, "one workflow")]
    public void A_malformed_document_is_rejected_with_the_reason(string json, string? ruleName, string reason)
    {
        var error = Assert.Throws<RuleCompilationException>(() => RuleCompiler.Compile<Probe>(json));
        Assert.Equal(ruleName, error.RuleName);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_list_is_built_once_not_per_evaluation()
    {
        var rules = RuleCompiler.Compile<Probe>(Workflow(("In", "RuleFunctions.In(input.Name, \"Anna\", \"Bernd\", \"Clara\")")));
        Span<RuleOutcome> outcomes = stackalloc RuleOutcome[1];
        rules.Evaluate(SampleProbe, outcomes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
            rules.Evaluate(SampleProbe, outcomes);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(RuleOutcome.Succeeded, outcomes[0]);
    }
}
