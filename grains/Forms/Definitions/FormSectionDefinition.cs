using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>A titled group of fields within a step.</summary>
public sealed record FormSectionDefinition(string Id, LocalizedText? Title, IReadOnlyList<FormFieldDefinition> Fields);
