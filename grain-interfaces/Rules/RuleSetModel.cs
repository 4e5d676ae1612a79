namespace Kasse.Rules;

/// <summary>Life cycle of a rule set version: a draft may be replaced by a newer draft; a published version never changes.</summary>
public enum RuleSetVersionStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>What a decision came to.</summary>
public enum DecisionOutcome
{
    /// <summary>Every rule fired (e.g. form plausible, case closed without a clerk, customer eligible).</summary>
    Accepted,

    /// <summary>At least one rule did not fire.</summary>
    Rejected,

    /// <summary>A rule threw at run time, or no version is active: the rule set's declared safe outcome applies.</summary>
    SafeFallback,
}

[GenerateSerializer, Immutable, Alias("Kasse.Rules.RuleSetVersionInfo")]
public sealed record RuleSetVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] RuleSetVersionStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] string? Comment,
    [property: Id(5)] DateTimeOffset? PublishedAt,
    [property: Id(6)] string? PublishedBy);

[GenerateSerializer, Immutable, Alias("Kasse.Rules.RuleSetOverview")]
public sealed record RuleSetOverview(
    [property: Id(0)] string Name,
    [property: Id(1)] int? ActiveVersion,
    [property: Id(2)] IReadOnlyList<RuleSetVersionInfo> Versions);

/// <summary>
/// Why a rule set version cannot be published: a broken expression (rule, expression, position), a test case
/// whose outcome differs from the expected one, or a test case whose decision costs more than the budget allows
/// (<see cref="BudgetKind"/>, message starting with <see cref="RuleSetErrors.BudgetExceeded"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Rules.RuleSetProblem")]
public sealed record RuleSetProblem(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? RuleName,
    [property: Id(2)] string? Expression,
    [property: Id(3)] int Position,
    [property: Id(4)] string Message,
    [property: Id(5)] string? TestCase = null)
{
    public const string DocumentKind = "document";
    public const string ExpressionKind = "expression";
    public const string TestCaseKind = "test-case";
    public const string BudgetKind = "budget";
}

[GenerateSerializer, Immutable, Alias("Kasse.Rules.PublicationResult")]
public sealed record PublicationResult(
    [property: Id(0)] bool Published,
    [property: Id(1)] int Version,
    [property: Id(2)] IReadOnlyList<RuleSetProblem> Problems);

/// <summary>
/// The record of one decision: which rule set and version decided, which rules fired, which did not, which threw.
/// A clerk or an auditor reads from it why a case was closed automatically or routed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Rules.RuleDecision")]
public sealed record RuleDecision(
    [property: Id(0)] string RuleSet,
    [property: Id(1)] int? Version,
    [property: Id(2)] DecisionOutcome Outcome,
    [property: Id(3)] IReadOnlyList<string> FiredRules,
    [property: Id(4)] IReadOnlyList<string> FailedRules,
    [property: Id(5)] IReadOnlyList<string> ErrorRules,
    [property: Id(6)] IReadOnlyList<string> Events,
    [property: Id(7)] IReadOnlyList<string> Messages,
    [property: Id(8)] DateTimeOffset At);

/// <summary>Stable error codes of the rule set API.</summary>
public static class RuleSetErrors
{
    public const string UnknownRuleSet = "RULESET_UNKNOWN";
    public const string UnknownVersion = "RULESET_VERSION_UNKNOWN";
    public const string NotADraft = "RULESET_NOT_A_DRAFT";
    public const string NeverPublished = "RULESET_VERSION_NEVER_PUBLISHED";
    public const string InvalidDocument = "RULESET_DOCUMENT_INVALID";
    public const string InvalidInput = "RULESET_INPUT_INVALID";
    public const string BudgetExceeded = "RULE_BUDGET_EXCEEDED";
}

/// <summary>A refusal of a rule set grain (unknown version, not a draft, …) with a stable code.</summary>
[GenerateSerializer, Alias("Kasse.Rules.RuleSetException")]
public sealed class RuleSetException(string code, string message) : CodedException(code, message);

/// <summary>What changed between two versions of a rule set, rule by rule.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Rules.RuleSetDiff")]
public sealed record RuleSetDiff(
    [property: Id(0)] int From,
    [property: Id(1)] int To,
    [property: Id(2)] IReadOnlyList<string> AddedRules,
    [property: Id(3)] IReadOnlyList<string> RemovedRules,
    [property: Id(4)] IReadOnlyList<RuleChange> ChangedRules,
    [property: Id(5)] IReadOnlyList<string> AddedTestCases,
    [property: Id(6)] IReadOnlyList<string> RemovedTestCases,
    [property: Id(7)] bool SafeOutcomeChanged,
    [property: Id(8)] bool DescriptionChanged);

/// <summary>One field of one rule that differs between two versions.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Rules.RuleChange")]
public sealed record RuleChange(
    [property: Id(0)] string RuleName,
    [property: Id(1)] string Field,
    [property: Id(2)] string? Before,
    [property: Id(3)] string? After);
