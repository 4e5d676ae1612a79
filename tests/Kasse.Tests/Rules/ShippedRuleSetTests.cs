using Kasse.Grains.Rules;
using Kasse.Rules;

namespace Kasse.Tests.Rules;

/// <summary>The rule sets shipped with the product compile and pass their own test cases.</summary>
public sealed class ShippedRuleSetTests
{
    public static TheoryData<string> Names => new(RuleSetNames.All.Select(n => n.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Shipped_rule_set_compiles_and_passes_its_test_cases(string name)
    {
        var kind = RuleSetCatalog.Find(name)!;
        var document = RuleSetDocument.Parse(kind.DefaultDocumentJson());
        Assert.NotEmpty(document.TestCases!);
        Assert.Empty(RuleSetValidator.Validate(kind, document, 1, DateTimeOffset.UtcNow));
    }
}
