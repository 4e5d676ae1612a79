namespace Kasse.Forms;

/// <summary>What happens to a submitted form.</summary>
public enum FormSubmissionOutcome
{
    /// <summary>Nothing for a clerk to do: closed without one (Dunkelverarbeitung).</summary>
    Closed = 0,

    /// <summary>A clerk must look: an inbox work item was created (or the originating one updated).</summary>
    RoutedToClerk = 1,
}

/// <summary>The receipt of a submission: shown to the insured, with the link to the PDF control document.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormSubmissionReceipt")]
public sealed record FormSubmissionReceipt(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string CaseReference,
    [property: Id(2)] DateTimeOffset SubmittedAt,
    [property: Id(3)] string ContentHash,
    [property: Id(4)] FormSubmissionOutcome Outcome,
    [property: Id(5)] string? WorkItemId);

/// <summary>
/// One answer as the control document prints it: step title, field label, the value as text, and whether the field is
/// sensitive (staff get such a value masked as <see cref="MaskedValue"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.SubmittedAnswer")]
public sealed record SubmittedAnswer(
    [property: Id(0)] LocalizedText Step,
    [property: Id(1)] LocalizedText Label,
    [property: Id(2)] string Value,
    [property: Id(3)] bool Sensitive = false)
{
    /// <summary>What staff see instead of a sensitive answer.</summary>
    public const string MaskedValue = "••••••";
}

/// <summary>
/// Everything the PDF control document shows: form, case reference, start and submission time, who submitted, every
/// visible answer, and the SHA-256 hash (lower-case hex) of the submission's canonical content (docs/forms.md says which).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormSubmissionDocument")]
public sealed record FormSubmissionDocument(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string FormName,
    [property: Id(2)] int FormVersion,
    [property: Id(3)] LocalizedText FormTitle,
    [property: Id(4)] string CaseReference,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset SubmittedAt,
    [property: Id(7)] string SubmittedByName,
    [property: Id(8)] IReadOnlyList<SubmittedAnswer> Answers,
    [property: Id(9)] string ContentHash);
