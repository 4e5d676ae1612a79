namespace Kasse.Grains.Forms.Sessions;

/// <summary>Files of form sessions, append-only; written only by the owning session grain.</summary>
public interface IFormFileStore
{
    /// <summary>Stores the file; storing the same id again changes nothing. Completes when durable.</summary>
    Task SaveAsync(Guid sessionId, FormFile file);

    Task<FormFile?> LoadAsync(Guid sessionId, Guid fileId);
}
