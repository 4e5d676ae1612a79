using Kasse.Forms;

namespace Kasse.EinmalPin;

/// <summary>What each case type means: its code in the CSV, its guided form, and the rule set that decides it.</summary>
public static class PinCaseTypes
{
    public static IReadOnlyList<PinCaseType> All { get; } = [PinCaseType.SteuerId, PinCaseType.SepaMandat, PinCaseType.Unfallfragebogen];

    /// <summary>The code in the <c>Vorgangsart</c> column (STEUER_ID, SEPA_MANDAT, UNFALLFRAGEBOGEN).</summary>
    public static string CodeOf(PinCaseType type) => type switch
    {
        PinCaseType.SteuerId => "STEUER_ID",
        PinCaseType.SepaMandat => "SEPA_MANDAT",
        PinCaseType.Unfallfragebogen => "UNFALLFRAGEBOGEN",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The case type of a <c>Vorgangsart</c> code (exact, upper case), or null when unknown.</summary>
    public static PinCaseType? FromCode(string? code) => code switch
    {
        "STEUER_ID" => PinCaseType.SteuerId,
        "SEPA_MANDAT" => PinCaseType.SepaMandat,
        "UNFALLFRAGEBOGEN" => PinCaseType.Unfallfragebogen,
        _ => null,
    };

    /// <summary>The guided form the insured fills for the case type.</summary>
    public static string FormOf(PinCaseType type) => type switch
    {
        PinCaseType.SteuerId => FormNames.SteuerId,
        PinCaseType.SepaMandat => FormNames.SepaMandate,
        PinCaseType.Unfallfragebogen => FormNames.Accident,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The <c>stp.*</c> rule set that decides a submitted case: close it, or route it to a clerk.</summary>
    public static string StpRuleSetOf(PinCaseType type) => type switch
    {
        PinCaseType.SteuerId => "stp.steuer-id",
        PinCaseType.SepaMandat => "stp.sepa-mandat",
        PinCaseType.Unfallfragebogen => "stp.unfallfragebogen",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
