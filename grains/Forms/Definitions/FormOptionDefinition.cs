using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>One answer of a choice field: the stored value and its label.</summary>
public sealed record FormOptionDefinition(string Value, LocalizedText Label);
