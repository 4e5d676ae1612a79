namespace Kasse.Forms;

/// <summary>A text in German (always present) and English (falls back to German when missing).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.LocalizedText")]
public sealed record LocalizedText(
    [property: Id(0)] string De,
    [property: Id(1)] string? En = null)
{
    public string In(string language) => language == "en" && !string.IsNullOrEmpty(En) ? En : De;
}
