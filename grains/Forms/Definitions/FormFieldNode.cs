using System.Collections.Frozen;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// A field of a compiled definition: its definition, its step, the indexes of its compiled expressions (-1 when it
/// has none), the texts of its built-in checks, and for a repeating group its row fields.
/// </summary>
internal sealed class FormFieldNode
{
    public FormFieldNode(FormFieldDefinition definition, int stepIndex, FormFieldNode? group)
    {
        Definition = definition;
        StepIndex = stepIndex;
        Group = group;
        OptionValues = definition.Options.Select(o => o.Value).ToFrozenSet(StringComparer.Ordinal);
        MaxLength = Math.Min(definition.MaxLength ?? FormMessages.DefaultMaxTextLength, FormErrors.MaxTextLength);
        TooLong = FormMessages.TooLong(MaxLength);
        OutOfRange = definition.Min is not null || definition.Max is not null ? FormMessages.OutOfRange(definition.Min, definition.Max) : null;
        if (definition.Type == FormFieldType.RepeatingGroup)
        {
            TooFewRows = FormMessages.TooFewRows(definition.MinRows);
            TooManyRows = FormMessages.TooManyRows(MaxRows);
        }
    }

    public FormFieldDefinition Definition { get; }

    public string Id => Definition.Id;

    public FormFieldType Type => Definition.Type;

    public int StepIndex { get; }

    /// <summary>The repeating group this field is a row field of; null for a field of a section.</summary>
    public FormFieldNode? Group { get; }

    public FormFieldNode[] Children { get; set; } = [];

    /// <summary>Row field ids of a group, for resolving ids inside a row (<c>IsSet("name")</c>).</summary>
    public FrozenDictionary<string, FormFieldNode> ChildById { get; set; } = FrozenDictionary<string, FormFieldNode>.Empty;

    public int VisibleIf { get; set; } = -1;

    public int RequiredIf { get; set; } = -1;

    public int EnabledIf { get; set; } = -1;

    public int[] Validations { get; set; } = [];

    public FrozenSet<string> OptionValues { get; }

    public int MaxLength { get; }

    public int MaxRows => Math.Min(Definition.MaxRows, FormErrors.MaxRows);

    public bool Sensitive => Definition.Sensitive || Group?.Definition.Sensitive == true;

    public LocalizedText TooLong { get; }

    public LocalizedText? OutOfRange { get; }

    public LocalizedText? TooFewRows { get; }

    public LocalizedText? TooManyRows { get; }
}
