namespace Kasse.Grains.Rules;

/// <summary>One rule: a boolean expression over the input. Only enabled rules are compiled and evaluated.</summary>
public sealed record RuleDefinition(string RuleName, string Expression, string? SuccessEvent = null, string? ErrorMessage = null, bool Enabled = true);
