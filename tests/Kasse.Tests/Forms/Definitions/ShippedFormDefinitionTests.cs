using System.Text.Json.Nodes;
using Kasse.Forms;
using Kasse.Grains.Forms.Definitions;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>The form definitions shipped with the product compile, pass their own test cases, and give clients no rules.</summary>
public sealed class ShippedFormDefinitionTests
{
    public static TheoryData<string> Names => new(FormNames.Shipped);

    [Theory]
    [MemberData(nameof(Names))]
    public void Shipped_definition_compiles_and_passes_its_test_cases(string name)
    {
        var document = ShippedFormDefinitions.Document(name);

        var problems = FormModelCompiler.Validate(document, 1);

        Assert.Empty(problems);
        Assert.Equal(name, FormModelCompiler.CompileOrThrow(document, 1).Name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Client_definition_carries_texts_and_types_but_no_expression_validation_or_review(string name)
    {
        var model = FormModelCompiler.CompileOrThrow(ShippedFormDefinitions.Document(name), 3);

        var client = JsonNode.Parse(model.ClientDefinitionJson)!.AsObject();

        Assert.Equal(name, (string?)client["name"]);
        Assert.Equal(3, (int?)client["version"]);
        Assert.False(string.IsNullOrEmpty((string?)client["title"]!["de"]));
        Assert.False(string.IsNullOrEmpty((string?)client["title"]!["en"]));
        Assert.Null(client["review"]);
        Assert.Null(client["testCases"]);
        var json = model.ClientDefinitionJson;
        foreach (var secret in new[] { "visibleIf", "requiredIf", "enabledIf", "validations", "clerkIf", "RuleFunctions", "Bool(" })
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        var fields = client["steps"]!.AsArray().SelectMany(s => s!["sections"]!.AsArray()).SelectMany(s => s!["fields"]!.AsArray()).ToArray();
        Assert.All(fields, f =>
        {
            Assert.False(string.IsNullOrEmpty((string?)f!["id"]));
            Assert.False(string.IsNullOrEmpty((string?)f!["label"]!["de"]));
            Assert.False(string.IsNullOrEmpty((string?)f!["label"]!["en"]));
        });
    }

    [Fact]
    public void Iban_and_steuer_id_of_the_shipped_forms_are_sensitive()
    {
        var sepa = FormModelCompiler.CompileOrThrow(ShippedFormDefinitions.Document(FormNames.SepaMandate), 1);
        var steuer = FormModelCompiler.CompileOrThrow(ShippedFormDefinitions.Document(FormNames.SteuerId), 1);

        Assert.True(sepa.Describe("iban")!.Sensitive);
        Assert.False(sepa.Describe("kontoinhaberName")!.Sensitive);
        Assert.True(steuer.Describe("steuerId")!.Sensitive);
        Assert.False(steuer.Describe("kvnr")!.Sensitive);
    }
}
