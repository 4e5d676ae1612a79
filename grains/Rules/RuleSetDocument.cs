using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>
/// A rule set version as its authors write it: a description, the outcome that applies when a rule throws (the safe
/// side, e.g. "route to a clerk" = <see cref="DecisionOutcome.Rejected"/> for straight-through processing), the
/// RulesEngine workflow, and test cases that must pass before the version can be published.
/// </summary>
public sealed record RuleSetDocument(
    string? Description,
    DecisionOutcome SafeOutcome,
    JsonElement Workflow,
    IReadOnlyList<RuleSetTestCase>? TestCases)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a document; throws <see cref="RuleSetException"/> (RULESET_DOCUMENT_INVALID) for a malformed one.</summary>
    public static RuleSetDocument Parse(string json)
    {
        RuleSetDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RuleSetDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new RuleSetException(RuleSetErrors.InvalidDocument, $"Das Regeldokument ist kein gültiges JSON: {e.Message}");
        }
        if (document is null || document.Workflow.ValueKind != JsonValueKind.Object)
            throw new RuleSetException(RuleSetErrors.InvalidDocument, "Das Regeldokument braucht ein Objekt \"workflow\" (RulesEngine-Workflow).");
        if (document.SafeOutcome == DecisionOutcome.SafeFallback)
            throw new RuleSetException(RuleSetErrors.InvalidDocument, "\"safeOutcome\" ist Accepted oder Rejected.");
        foreach (var testCase in document.TestCases ?? [])
        {
            if (testCase is null || string.IsNullOrWhiteSpace(testCase.Name) || testCase.Input.ValueKind != JsonValueKind.Object)
                throw new RuleSetException(RuleSetErrors.InvalidDocument, "Jeder Testfall braucht \"name\" und ein Objekt \"input\".");
        }
        return document;
    }

    public string WorkflowJson => Workflow.GetRawText();

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
