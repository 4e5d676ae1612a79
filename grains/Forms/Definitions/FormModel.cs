using System.Collections.Frozen;
using Kasse.Forms;
using Kasse.Grains.Rules;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// One compiled version of a form definition (<see cref="FormModelCompiler"/> builds it): every expression a compiled
/// delegate, the client definition written once. Immutable and thread-safe: one instance serves every session of the
/// version on a silo.
/// </summary>
public sealed class FormModel : IFormModel
{
    internal FormModel(FormDefinition definition, int version, FormFieldNode[] fields, CompiledRuleSet<FormInput> rules, int clerkIf)
    {
        Definition = definition;
        Version = version;
        Fields = fields;
        Rules = rules;
        ClerkIf = clerkIf;
        TopById = fields.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        AllById = fields.Concat(fields.SelectMany(f => f.Children)).ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        ClientDefinitionJson = ClientDefinitionWriter.Write(definition, version, AllById);
        Dependencies = FormDependencyIndex.Build(fields);
    }

    public string Name => Definition.Name;

    public int Version { get; }

    public LocalizedText Title => Definition.Title;

    public string ClientDefinitionJson { get; }

    internal FormDefinition Definition { get; }

    /// <summary>The fields of the sections in definition order (repeating groups hold their row fields as children).</summary>
    internal FormFieldNode[] Fields { get; }

    internal FrozenDictionary<string, FormFieldNode> TopById { get; }

    internal FrozenDictionary<string, FormFieldNode> AllById { get; }

    internal CompiledRuleSet<FormInput> Rules { get; }

    /// <summary>Which fields a change of a field of a section may change (see <see cref="Reevaluate"/>).</summary>
    internal FormDependencyIndex Dependencies { get; }

    /// <summary>Index of <c>review.clerkIf</c> in <see cref="Rules"/>; -1 without a review.</summary>
    internal int ClerkIf { get; }

    public FormFieldInfo? Describe(string path)
    {
        if (path is null)
            return null;
        if (TopById.TryGetValue(path, out var node))
            return new FormFieldInfo(path, node.Id, null, null, node.Type, node.Sensitive, node.Type == FormFieldType.RepeatingGroup ? node.MaxRows : 0);
        if (!FormPath.TryParse(path, out var parsed) || parsed.GroupId is null
            || !TopById.TryGetValue(parsed.GroupId, out var group) || group.Type != FormFieldType.RepeatingGroup)
            return null;
        if (parsed.IsRow)
            return new FormFieldInfo(path, group.Id, group.Id, parsed.RowId, FormFieldType.RepeatingGroup, group.Sensitive, group.MaxRows);
        return group.ChildById.TryGetValue(parsed.FieldId, out var child)
            ? new FormFieldInfo(path, child.Id, group.Id, parsed.RowId, child.Type, child.Sensitive, 0)
            : null;
    }

    public FormShapeCheck CheckShape(string path, string? valueJson) =>
        Describe(path) is { } info ? FormShapeChecker.Check(info, valueJson) : FormShapeCheck.Refused($"Das Formular hat kein Feld {path}.");

    public FormEvaluation Evaluate(IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FormEvaluator.Evaluate(this, values, today);
    }

    public FormEvaluation Reevaluate(FormEvaluation previous, IReadOnlyDictionary<string, string> values, string changedPath, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(values);
        return FormEvaluator.Reevaluate(this, previous, changedPath, values.GetValueOrDefault(changedPath), today)
            ?? FormEvaluator.Evaluate(this, values, today);
    }

    public IReadOnlyList<SubmittedAnswer> Answers(IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FormAnswerFormatter.Answers(this, values, today);
    }

    public FormReview Review(IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Definition.Review is not { } review)
            return new FormReview(false, Title.De, [], null);
        var input = FormEvaluator.Prepare(this, values, today, []);
        // A review rule that fails at run time sends the case to a clerk: a person looks rather than nobody.
        var clerk = Rules.EvaluateRule(ClerkIf, input) != RuleOutcome.Failed;
        return new FormReview(clerk, review.Topic, review.Skills, review.Priority);
    }
}
