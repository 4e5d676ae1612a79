using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// One field of a definition with everything the document may say about it. Expressions are rule-language text
/// (compiled against <see cref="FormInput"/>); <c>Fields</c>, <c>MinRows</c>, <c>MaxRows</c> and <c>AddLabel</c> belong to
/// repeating groups only. <c>Location</c> is where the field stands in the document (for problems).
/// </summary>
public sealed record FormFieldDefinition(
    string Id,
    FormFieldType Type,
    LocalizedText Label,
    LocalizedText? Help,
    bool Required,
    string? VisibleIf,
    string? RequiredIf,
    string? EnabledIf,
    bool ClearOnHide,
    bool Sensitive,
    IReadOnlyList<FormValidationDefinition> Validations,
    IReadOnlyList<FormOptionDefinition> Options,
    int? MaxLength,
    bool Multiline,
    decimal? Min,
    decimal? Max,
    IReadOnlyList<FormFieldDefinition> Fields,
    int MinRows,
    int MaxRows,
    LocalizedText? AddLabel,
    LocalizedText? ConsentText,
    string Location);
