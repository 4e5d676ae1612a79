using Kasse.Forms;

namespace Kasse.Grains.Forms;

/// <summary>The field types a definition may use (docs/forms.md).</summary>
public enum FormFieldType
{
    Text,
    Number,
    Date,
    Choice,
    YesNo,
    Iban,
    SteuerId,
    Kvnr,
    Address,
    File,
    Consent,
    RepeatingGroup,
}

/// <summary>What a path of a definition is: the field's id, its repeating group and row (when inside one), type and flags.</summary>
public sealed record FormFieldInfo(string Path, string FieldId, string? GroupId, string? RowId, FormFieldType Type, bool Sensitive, int MaxRows);

/// <summary>The result of checking a value's JSON shape for its field type: ok with the normalised JSON, or a message.</summary>
public sealed record FormShapeCheck(bool Ok, string? NormalizedJson, string? Message)
{
    public static FormShapeCheck Valid(string? normalizedJson) => new(true, normalizedJson, null);

    public static FormShapeCheck Refused(string message) => new(false, null, message);
}

/// <summary>One path after evaluation: visible, required, enabled, and the validation error of its value (if any).</summary>
public sealed record FieldEvaluation(string Path, bool Visible, bool Required, bool Enabled, LocalizedText? Error);

/// <summary>
/// A whole evaluation: every path in definition order (fields, repeating groups, and each present row's fields), the
/// steps, the paths clear-on-hide empties (hidden now but holding a value; the session drops them), and whether the form
/// is complete (no visible required field empty, no error).
/// </summary>
public sealed record FormEvaluation(
    IReadOnlyList<FieldEvaluation> Fields,
    IReadOnlyList<StepState> Steps,
    IReadOnlyList<string> ClearedPaths,
    bool Complete)
{
    /// <summary>The decoded values and indexes a re-evaluation after one change starts from (taken by the first one).</summary>
    internal Definitions.FormEvaluationBasis? Basis { get; set; }
}

/// <summary>Whether a clerk must look at a submission, and the work item to create if so.</summary>
public sealed record FormReview(bool ClerkMustLook, string Topic, IReadOnlyList<string> Skills, int? Priority);

/// <summary>
/// One compiled version of a form definition. Values are path → JSON text (never null; an empty field has no entry);
/// a repeating group's value is the JSON array of its row ids (strings), e.g. <c>["r1","r2"]</c>. Evaluation is pure:
/// the same values and date give the same result on every silo.
/// </summary>
public interface IFormModel
{
    string Name { get; }

    int Version { get; }

    LocalizedText Title { get; }

    /// <summary>The definition for clients: steps, sections, fields, labels, help, options, types, flags; no expressions.</summary>
    string ClientDefinitionJson { get; }

    /// <summary>What <paramref name="path"/> is (<c>fieldId</c>, <c>groupId</c>, <c>groupId[rowId]</c> or <c>groupId[rowId].fieldId</c>), or null when the definition has no such field.</summary>
    FormFieldInfo? Describe(string path);

    /// <summary>Checks a value's JSON shape for the field's type (not its plausibility) and normalises it (e.g. IBAN without spaces, upper case).</summary>
    FormShapeCheck CheckShape(string path, string? valueJson);

    /// <summary>Visibility, requirement, enablement and validation of every path, from the rule-language expressions.</summary>
    FormEvaluation Evaluate(IReadOnlyDictionary<string, string> values, DateOnly today);

    /// <summary>
    /// The same as <see cref="Evaluate"/> of <paramref name="values"/>, when <paramref name="previous"/> is the evaluation
    /// of the same values except <paramref name="changedPath"/>: only what reads that path is judged again where the
    /// definition's dependencies allow (a field of a section, no clear-on-hide involved), else the whole form.
    /// <paramref name="previous"/> serves one re-evaluation; after that it still reads, but a later change evaluates whole.
    /// </summary>
    FormEvaluation Reevaluate(FormEvaluation previous, IReadOnlyDictionary<string, string> values, string changedPath, DateOnly today);

    /// <summary>The visible answered fields in definition order, with step title, label and the value as display text.</summary>
    IReadOnlyList<SubmittedAnswer> Answers(IReadOnlyDictionary<string, string> values, DateOnly today);

    /// <summary>The definition's review rule on a complete form: whether a clerk must look, and the work item's topic and skills.</summary>
    FormReview Review(IReadOnlyDictionary<string, string> values, DateOnly today);
}

/// <summary>The silo's compiled form definitions, loaded from the definition grains and cached per (name, version).</summary>
public interface IFormModels
{
    /// <summary>The active version; FORM_DEFINITION_NOT_FOUND when the form is unknown or has none published.</summary>
    Task<IFormModel> GetActiveAsync(string name);

    /// <summary>A given version (sessions pin theirs); FORM_DEFINITION_NOT_FOUND when unknown.</summary>
    Task<IFormModel> GetAsync(string name, int version);
}
