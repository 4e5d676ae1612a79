namespace Kasse.Grains.Rules.Inputs;

/// <summary>
/// An insured person's electronic feedback of their tax id (EinmalPIN form), judged for straight-through processing:
/// what was submitted, what the core system prefilled, and the day it is judged on.
/// </summary>
public sealed record SteuerIdSubmission(
    string? Kvnr,
    string? SteuerId,
    string? PrefillSteuerId,
    DateOnly BirthDate,
    DateOnly Deadline,
    bool ConfirmationAccepted,
    DateOnly Today);
