namespace Kasse.Grains.Rules;

/// <summary>Why one rule (or, with no rule name, the document) does not compile.</summary>
public sealed record RuleCompilationError(string? RuleName, string? Expression, int Position, string Message)
{
    public override string ToString()
    {
        var where = RuleName is null ? "rule set" : $"rule '{RuleName}'";
        var at = Position >= 0 ? $" at position {Position}" : "";
        var expression = Expression is null ? "" : $" in: {Expression}";
        return $"{where}{at}: {Message}{expression}";
    }
}
