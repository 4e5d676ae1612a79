namespace Kasse.Forms;

/// <summary>The form definitions the product ships (grains/Forms/Definitions/&lt;name&gt;.json).</summary>
public static class FormNames
{
    public const string SepaMandate = "sepa-lastschriftmandat";
    public const string SteuerId = "steuer-id-rueckmeldung";
    public const string Accident = "unfallfragebogen";

    public static IReadOnlyList<string> Shipped { get; } = [SepaMandate, SteuerId, Accident];
}
