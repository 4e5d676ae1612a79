namespace Kasse.Grains.Rules.Inputs;

/// <summary>
/// A SEPA mandate the insured gave on an EinmalPIN letter, judged for straight-through processing: the account, whose
/// it is (compared with the imported name in code, so the rule stays a plain flag), the mandate, and the deadline.
/// </summary>
public sealed record SepaMandatSubmission(
    string? Iban,
    string? AccountHolder,
    bool AccountHolderIsInsured,
    bool MandateGranted,
    DateOnly Deadline,
    DateOnly Today);
