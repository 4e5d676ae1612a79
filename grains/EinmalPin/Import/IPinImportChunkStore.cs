namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// The uploaded file of an import in chunks (<c>pin_import_chunks</c>), kept until the job is done so that it resumes
/// after a silo restart. A chunk stored twice keeps its first content.
/// </summary>
public interface IPinImportChunkStore
{
    Task SaveAsync(Guid importId, int chunkNo, byte[] data, CancellationToken cancellationToken = default);

    /// <summary>Chunk <paramref name="chunkNo"/>, or null when there is none.</summary>
    Task<byte[]?> LoadAsync(Guid importId, int chunkNo, CancellationToken cancellationToken = default);

    /// <summary>How many chunks are stored and their total size.</summary>
    Task<(int Chunks, long Bytes)> CountAsync(Guid importId, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid importId, CancellationToken cancellationToken = default);
}
