using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>A parsed form definition document (docs/forms.md, "Form definitions"): what the admin wrote, checked for shape.</summary>
public sealed record FormDefinition(
    string Name,
    LocalizedText Title,
    LocalizedText? Description,
    FormReviewDefinition? Review,
    IReadOnlyList<FormStepDefinition> Steps,
    IReadOnlyList<FormDefinitionTestCase> TestCases);
