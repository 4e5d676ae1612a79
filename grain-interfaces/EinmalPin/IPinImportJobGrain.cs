namespace Kasse.EinmalPin;

/// <summary>
/// One bulk import of a print data stream (CSV), keyed by a new Guid. The upload arrives in chunks (stored, so the job
/// resumes after a silo restart); <see cref="Start"/> runs it in the background: stream, validate, COPY the good rows,
/// report the bad ones, and hand the new cases to the letter batch of the same id.
/// </summary>
[Alias("Kasse.EinmalPin.IPinImportJobGrain")]
public interface IPinImportJobGrain : IGrainWithGuidKey
{
    /// <summary>Stores one chunk of the upload (chunks numbered from 0, each at most 1 MiB). Idempotent by chunk number.</summary>
    [Alias("AppendChunk")]
    Task AppendChunk(int chunkNo, byte[] data);

    /// <summary>All chunks are in: start (or, when already started, return the view). Idempotent.</summary>
    [Alias("Start")]
    Task<PinImportView> Start(PinImportRequest request);

    [Alias("GetView")]
    Task<PinImportView> GetView();

    /// <summary>The rejected rows, in row order (at most the stored cap; the view has the total).</summary>
    [Alias("GetErrors")]
    Task<IReadOnlyList<PinImportRowError>> GetErrors(int offset, int max);
}

[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinImportRequest")]
public sealed record PinImportRequest(
    [property: Id(0)] string FileName,
    [property: Id(1)] int Chunks,
    [property: Id(2)] long Bytes,
    [property: Id(3)] string StartedBy);

public enum PinImportStatus
{
    Receiving = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// Progress and result of an import. Rows: data rows read so far (header excluded); Imported: new cases; Existing: rows
/// whose case number was already there (nothing created, no new PIN); Rejected: bad rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinImportView")]
public sealed record PinImportView(
    [property: Id(0)] Guid ImportId,
    [property: Id(1)] string FileName,
    [property: Id(2)] PinImportStatus Status,
    [property: Id(3)] long Bytes,
    [property: Id(4)] long BytesRead,
    [property: Id(5)] long Rows,
    [property: Id(6)] long Imported,
    [property: Id(7)] long Existing,
    [property: Id(8)] long Rejected,
    [property: Id(9)] string Encoding,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] string? Failure,
    [property: Id(13)] string LetterBatchId);

/// <summary>A rejected row: its line number in the file (the header is line 1), the column, and why (German).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinImportRowError")]
public sealed record PinImportRowError(
    [property: Id(0)] long RowNumber,
    [property: Id(1)] string? Column,
    [property: Id(2)] string Reason);
