namespace Kasse.EinmalPin;

/// <summary>
/// The intake of single cases (<c>PUT /api/einmalpin/cases/{caseNumber}</c>): validates, stores a new case, starts its
/// one-letter batch; idempotent by case number (the same data again changes nothing, different data is refused).
/// Stateless: the case store's insert decides which of two racing requests created the case.
/// </summary>
[Alias("Kasse.EinmalPin.IPinIntakeGrain")]
public interface IPinIntakeGrain : IGrainWithIntegerKey
{
    [Alias("AddCase")]
    Task<PinIntakeResult> AddCase(PinCaseData data, string requestedBy);
}

public enum PinIntakeOutcome
{
    /// <summary>A new case; its letter batch <c>case-{caseNumber}</c> was started.</summary>
    Created = 1,

    /// <summary>The case exists with the same data: nothing changed.</summary>
    Unchanged = 2,

    /// <summary>The case number exists with different data (HTTP 409 <see cref="PinErrors.CaseConflict"/>).</summary>
    Conflict = 3,

    /// <summary>The data fails validation (HTTP 422 with <see cref="PinIntakeResult.FieldErrors"/>).</summary>
    Invalid = 4,
}

/// <summary>What the intake did; the case's status (created or unchanged); field errors keyed by the JSON name of the field (camelCase), reasons in German.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinIntakeResult")]
public sealed record PinIntakeResult(
    [property: Id(0)] PinIntakeOutcome Outcome,
    [property: Id(1)] string CaseNumber,
    [property: Id(2)] string? LetterBatchId,
    [property: Id(3)] IReadOnlyDictionary<string, string[]>? FieldErrors = null,
    [property: Id(4)] PinCaseStatus? Status = null);
