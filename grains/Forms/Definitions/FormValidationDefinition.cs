using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>A plausibility check of a field's value: the rule must hold, or the message is the field's error.</summary>
public sealed record FormValidationDefinition(string Rule, LocalizedText Message);
