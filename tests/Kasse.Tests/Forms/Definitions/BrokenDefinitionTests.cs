using Kasse.Forms;
using Kasse.Grains.Forms.Definitions;
using Kasse.Grains.Rules;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>Definitions that are broken are refused with the location of every problem.</summary>
public sealed class BrokenDefinitionTests
{
    private static IReadOnlyList<FormDefinitionProblem> Problems(string fieldsJson, string? review = null) =>
        FormModelCompiler.Validate(Document(fieldsJson, review), 1);

    [Fact]
    public void A_broken_expression_is_refused_with_its_location_and_position()
    {
        var problems = Problems("""
            [ { "id": "a", "type": "yesNo", "label": { "de": "A" } },
              { "id": "b", "type": "text", "label": { "de": "B" }, "visibleIf": "Bool(\"a\") &&& true" } ]
            """);

        var problem = Assert.Single(problems);
        Assert.Equal("steps[0].sections[0].fields[1].visibleIf", problem.Location);
        Assert.Equal("Bool(\"a\") &&& true", problem.Expression);
        Assert.InRange(problem.Position!.Value, 10, 13);
    }

    [Fact]
    public void Reading_the_clock_is_refused_like_in_rule_sets()
    {
        var problems = Problems("""[ { "id": "d", "type": "date", "label": { "de": "D" }, "validations": [ { "rule": "Date(\"d\") <= DateOnly.FromDateTime(DateTime.Now)", "message": { "de": "Nein" } } ] } ]""");

        var problem = Assert.Single(problems);
        Assert.Equal("steps[0].sections[0].fields[0].validations[0].rule", problem.Location);
        Assert.Contains("Now", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_type_is_refused()
    {
        var problem = Assert.Single(Problems("""[ { "id": "a", "type": "signature", "label": { "de": "A" } } ]"""));

        Assert.Equal("steps[0].sections[0].fields[0].type", problem.Location);
        Assert.Contains("signature", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_field_id_is_refused_even_inside_a_group()
    {
        var problems = Problems("""
            [ { "id": "name", "type": "text", "label": { "de": "Name" } },
              { "id": "g", "type": "repeatingGroup", "label": { "de": "G" }, "fields": [ { "id": "name", "type": "text", "label": { "de": "Name" } } ] } ]
            """);

        Assert.Equal("steps[0].sections[0].fields[1].fields[0].id", Assert.Single(problems).Location);
    }

    [Fact]
    public void A_group_inside_a_group_a_missing_german_label_and_bad_options_are_each_located()
    {
        var problems = Problems("""
            [ { "id": "g", "type": "repeatingGroup", "label": { "de": "G" }, "fields": [
                { "id": "inner", "type": "repeatingGroup", "label": { "de": "I" } } ] },
              { "id": "t", "type": "text", "label": { "en": "Only English" } },
              { "id": "c", "type": "choice", "label": { "de": "C" }, "options": [ { "value": "x", "label": { "de": "X" } }, { "value": "x", "label": { "de": "Y" } } ] },
              { "id": "n", "type": "number", "label": { "de": "N" }, "options": [ { "value": "x", "label": { "de": "X" } } ] },
              { "id": "e", "type": "choice", "label": { "de": "E" } } ]
            """).Select(p => p.Location).ToArray();

        Assert.Contains("steps[0].sections[0].fields[0].fields[0].type", problems);
        Assert.Contains("steps[0].sections[0].fields[1].label.de", problems);
        Assert.Contains("steps[0].sections[0].fields[2].options[1].value", problems);
        Assert.Contains("steps[0].sections[0].fields[3].options", problems);
        Assert.Contains("steps[0].sections[0].fields[4].options", problems);
    }

    [Fact]
    public void An_expression_naming_a_missing_field_or_the_wrong_type_is_refused()
    {
        var problems = Problems("""
            [ { "id": "a", "type": "text", "label": { "de": "A" }, "visibleIf": "Bool(\"a\")" },
              { "id": "b", "type": "text", "label": { "de": "B" }, "requiredIf": "IsSet(\"gibtsNicht\")" } ]
            """);

        Assert.Equal(["steps[0].sections[0].fields[0].visibleIf", "steps[0].sections[0].fields[1].requiredIf"], problems.Select(p => p.Location));
        Assert.Equal(6, problems[0].Position); // the id inside Bool("a")
    }

    [Fact]
    public void Unknown_properties_and_non_json_are_refused()
    {
        Assert.Equal("steps[0].sections[0].fields[0].visibleif", Assert.Single(Problems("""[ { "id": "a", "type": "text", "label": { "de": "A" }, "visibleif": "true" } ]""")).Location);
        Assert.Equal("", Assert.Single(FormModelCompiler.Validate("{ nope", 1)).Location);
    }

    [Fact]
    public void A_review_rule_must_compile_and_a_failing_test_case_is_named()
    {
        var broken = Problems("""[ { "id": "a", "type": "yesNo", "label": { "de": "A" } } ]""", """{ "clerkIf": "Bool(\"a\") +", "topic": "Prüfen" }""");
        Assert.Equal("review.clerkIf", Assert.Single(broken).Location);

        var document = ShippedFormDefinitions.Document(FormNames.SteuerId).Replace("\"complete\": true", "\"complete\": false", StringComparison.Ordinal);
        var failing = Assert.Single(FormModelCompiler.Validate(document, 1));
        Assert.Equal("testCases[0]", failing.Location);
        Assert.Contains("Gültige Angaben sind vollständig", failing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiling_a_broken_document_throws_the_definition_invalid_code()
    {
        var error = Assert.Throws<FormException>(() => FormModelCompiler.CompileOrThrow(Document("""[ { "id": "a", "type": "nope", "label": { "de": "A" } } ]"""), 1));

        Assert.Equal(FormErrors.DefinitionInvalid, error.Code);
        Assert.Contains("steps[0].sections[0].fields[0].type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_whose_test_case_costs_more_than_the_rule_budget_is_refused()
    {
        var document = ShippedFormDefinitions.Document(FormNames.SteuerId);
        var budget = new RuleBudgetOptions { MaxAllocatedBytesPerDecision = 16 };

        var problems = FormModelCompiler.Validate(document, 1, budget);

        Assert.Equal(["testCases[0]", "testCases[1]"], problems.Select(p => p.Location));
        Assert.All(problems, p => Assert.Contains("16 Bytes", p.Message, StringComparison.Ordinal));
        Assert.Empty(FormModelCompiler.Validate(document, 1, new RuleBudgetOptions()));
    }
}
