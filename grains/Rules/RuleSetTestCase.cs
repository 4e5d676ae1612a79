using System.Text.Json;
using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>An input and what the rule set must decide for it.</summary>
public sealed record RuleSetTestCase(
    string Name,
    JsonElement Input,
    DecisionOutcome ExpectedOutcome,
    IReadOnlyList<string>? ExpectedFailedRules);
