namespace Kasse.Grains.Forms.Sessions;

/// <summary>Submitted forms, append-only, one per session; written only by the owning session grain.</summary>
public interface IFormSubmissionStore
{
    /// <summary>Stores the submission unless the session has one already; returns the one stored (the earlier one, if so).</summary>
    Task<StoredFormSubmission> AddAsync(StoredFormSubmission submission);

    Task<StoredFormSubmission?> FindAsync(Guid sessionId);
}
