using System.Text.Json;

namespace Kasse.Grains.Rules;

/// <summary>
/// A rule set as written by its authors: a Microsoft RulesEngine workflow document
/// (<c>{"WorkflowName": …, "Rules": [{"RuleName", "Expression", "SuccessEvent", "ErrorMessage", "Enabled"}]}</c>).
/// Every rule is one lambda expression over the input; features of RulesEngine that would change what a rule means
/// here (nested rules with an operator, local and global params, injected workflows, actions) are rejected, never
/// silently ignored. <c>Properties</c> are kept as opaque metadata by RulesEngine and ignored here.
/// </summary>
public sealed record RuleWorkflow(string WorkflowName, IReadOnlyList<RuleDefinition> Rules)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Reads one workflow: a JSON object, or an array holding exactly one (the shape of a RulesEngine rules file).
    /// Throws <see cref="RuleCompilationException"/> for malformed JSON, missing names or expressions, duplicate rule names
    /// and unsupported RulesEngine features.
    /// </summary>
    public static RuleWorkflow Parse(string workflowJson)
    {
        ArgumentNullException.ThrowIfNull(workflowJson);
        WorkflowDocument? document;
        try
        {
            using var json = JsonDocument.Parse(workflowJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() != 1)
                    throw Invalid(null, $"expected one workflow, found an array of {root.GetArrayLength()}");
                root = root[0];
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(null, "expected a workflow object");
            document = root.Deserialize<WorkflowDocument>(JsonOptions);
        }
        catch (JsonException e)
        {
            throw Invalid(null, $"the workflow is not valid JSON ({e.Message})");
        }
        if (document is null || string.IsNullOrWhiteSpace(document.WorkflowName))
            throw Invalid(null, "WorkflowName is missing");
        if (IsUsed(document.GlobalParams))
            throw Invalid(null, "GlobalParams are not supported");
        if (IsUsed(document.WorkflowsToInject))
            throw Invalid(null, "WorkflowsToInject is not supported");
        CheckExpressionType(document.RuleExpressionType, null);
        if (document.Rules is null || document.Rules.Count == 0)
            throw Invalid(null, "the workflow has no Rules");

        var names = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<RuleDefinition>(document.Rules.Count);
        foreach (var rule in document.Rules)
        {
            if (rule is null || string.IsNullOrWhiteSpace(rule.RuleName))
                throw Invalid(null, $"rule {rules.Count + 1} has no RuleName");
            var name = rule.RuleName;
            if (!names.Add(name))
                throw Invalid(name, $"the RuleName '{name}' occurs more than once");
            if (IsUsed(rule.Rules) || !string.IsNullOrEmpty(rule.Operator))
                throw Invalid(name, "nested Rules with an Operator are not supported; write one expression");
            if (IsUsed(rule.LocalParams))
                throw Invalid(name, "LocalParams are not supported");
            if (IsUsed(rule.Actions))
                throw Invalid(name, "Actions are not supported");
            if (IsUsed(rule.WorkflowsToInject))
                throw Invalid(name, "WorkflowsToInject is not supported");
            CheckExpressionType(rule.RuleExpressionType, name);
            if (string.IsNullOrWhiteSpace(rule.Expression))
                throw Invalid(name, "the rule has no Expression");
            rules.Add(new RuleDefinition(name, rule.Expression, rule.SuccessEvent, rule.ErrorMessage, rule.Enabled ?? true));
        }
        return new RuleWorkflow(document.WorkflowName, rules);
    }

    private static void CheckExpressionType(string? expressionType, string? ruleName)
    {
        if (expressionType is not null && !string.Equals(expressionType, "LambdaExpression", StringComparison.OrdinalIgnoreCase))
            throw Invalid(ruleName, $"RuleExpressionType '{expressionType}' is not supported (only LambdaExpression)");
    }

    private static bool IsUsed(JsonElement? element) =>
        element is { } e && e.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.Array => e.GetArrayLength() > 0,
            JsonValueKind.Object => e.EnumerateObject().Any(),
            _ => true,
        };

    private static RuleCompilationException Invalid(string? ruleName, string message, int position = -1) =>
        new([new RuleCompilationError(ruleName, null, position, message)]);

    private sealed class WorkflowDocument
    {
        public string? WorkflowName { get; set; }
        public string? RuleExpressionType { get; set; }
        public List<RuleDocument?>? Rules { get; set; }
        public JsonElement? GlobalParams { get; set; }
        public JsonElement? WorkflowsToInject { get; set; }
    }

    private sealed class RuleDocument
    {
        public string? RuleName { get; set; }
        public string? Expression { get; set; }
        public string? SuccessEvent { get; set; }
        public string? ErrorMessage { get; set; }
        public bool? Enabled { get; set; }
        public string? RuleExpressionType { get; set; }
        public string? Operator { get; set; }
        public JsonElement? Rules { get; set; }
        public JsonElement? LocalParams { get; set; }
        public JsonElement? Actions { get; set; }
        public JsonElement? WorkflowsToInject { get; set; }
    }
}
