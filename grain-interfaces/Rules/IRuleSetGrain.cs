namespace Kasse.Rules;

/// <summary>
/// One named rule set (e.g. <c>stp.steuer-id</c>) with its versions. The single writer of their status; the version
/// documents themselves are append-only rows.
/// </summary>
[Alias("Kasse.Rules.IRuleSetGrain")]
public interface IRuleSetGrain : IGrainWithStringKey
{
    [Alias("GetOverview")]
    Task<RuleSetOverview> GetOverview();

    /// <summary>The version's document (JSON: description, safeOutcome, workflow, testCases).</summary>
    [Alias("GetDocument")]
    Task<string> GetDocument(int version);

    /// <summary>Stores a new draft version. The document's shape is checked; its rules are checked by Validate/Publish.</summary>
    [Alias("CreateDraft")]
    Task<RuleSetVersionInfo> CreateDraft(string documentJson, string author, string? comment);

    /// <summary>Compiles every expression and runs the attached test cases; empty when the version could be published.</summary>
    [Alias("Validate")]
    Task<IReadOnlyList<RuleSetProblem>> Validate(int version);

    /// <summary>Decides on <paramref name="inputJson"/> with the given version (or the active one) without recording anything.</summary>
    [Alias("DryRun")]
    Task<RuleDecision> DryRun(int? version, string inputJson);

    /// <summary>Validates, then makes the draft the active version on every silo; the previous one is retired.</summary>
    [Alias("Publish")]
    Task<PublicationResult> Publish(int version, string author);

    /// <summary>Makes an earlier published (now retired) version active again. One call.</summary>
    [Alias("Rollback")]
    Task<RuleSetOverview> Rollback(int version, string author);

    /// <summary>Rule-by-rule differences between two versions.</summary>
    [Alias("Diff")]
    Task<RuleSetDiff> Diff(int from, int to);

    /// <summary>Publishes the shipped default as version 1 when the rule set has no versions yet (first start).</summary>
    [Alias("EnsureDefault")]
    Task EnsureDefault(string documentJson);
}

/// <summary>Reads the recorded decisions about a subject, for clerks and auditors.</summary>
[Alias("Kasse.Rules.IRuleDecisionsGrain")]
public interface IRuleDecisionsGrain : IGrainWithIntegerKey
{
    /// <summary>The newest decisions about the subject; the read itself is audited with the reader's id and role.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<RuleDecision>> Read(string readerId, string readerRole, string subjectType, string subjectId, int max);
}

/// <summary>Which version of each rule set is active; every silo polls it and swaps its compiled rules.</summary>
[Alias("Kasse.Rules.IRuleRegistryGrain")]
public interface IRuleRegistryGrain : IGrainWithIntegerKey
{
    [Alias("SetActive")]
    Task SetActive(string ruleSet, int version);

    /// <summary>Rule set name → active version.</summary>
    [Alias("GetActive")]
    Task<IReadOnlyDictionary<string, int>> GetActive();
}
