using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>One wizard step: a title and its sections.</summary>
public sealed record FormStepDefinition(string Id, LocalizedText Title, IReadOnlyList<FormSectionDefinition> Sections);
