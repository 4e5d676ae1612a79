namespace Kasse.Grains.Forms.Sessions;

/// <summary>One row of <c>form_submissions</c>: what was submitted, when, by whom, and its content hash.</summary>
public sealed record StoredFormSubmission(
    Guid SessionId,
    string FormName,
    int FormVersion,
    string CaseReference,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    string SubmittedByName,
    string ContentHash,
    IReadOnlyDictionary<string, string> Answers);
