namespace Kasse.Campaigns.Dwh;

/// <summary>
/// One import of customer master data from the data warehouse, keyed by a new Guid: an uploaded CSV (chunks stored,
/// so the job resumes after a silo restart) or the configured PostgreSQL source table. Runs in the background: stream,
/// validate, upsert in batches (unchanged rows cost no write), report the rejected rows.
/// </summary>
[Alias("Kasse.Campaigns.Dwh.IDwhImportJobGrain")]
public interface IDwhImportJobGrain : IGrainWithGuidKey
{
    /// <summary>Stores one chunk of the upload (numbered from 0, each at most 1 MiB). Idempotent by chunk number.</summary>
    [Alias("AppendChunk")]
    Task AppendChunk(int chunkNo, byte[] data);

    /// <summary>All chunks are in: start (or, when already started, return the view). Idempotent.</summary>
    [Alias("StartUpload")]
    Task<DwhImportView> StartUpload(DwhUploadRequest request);

    /// <summary>Starts reading the configured source table (<c>Dwh:SourceConnectionString</c>, <c>Dwh:SourceTable</c>). Idempotent.</summary>
    [Alias("StartFromSource")]
    Task<DwhImportView> StartFromSource(string startedBy);

    /// <summary>The progress; <c>DWH_IMPORT_NOT_FOUND</c> for an import never started.</summary>
    [Alias("GetView")]
    Task<DwhImportView> GetView();

    /// <summary>The rejected rows in row order (at most the stored cap; the view counts all).</summary>
    [Alias("GetRejections")]
    Task<IReadOnlyList<DwhRejectedRow>> GetRejections(int offset, int max);
}

/// <summary>The recent imports (for the admin page) and the nightly schedule; key 0.</summary>
[Alias("Kasse.Campaigns.Dwh.IDwhImportsGrain")]
public interface IDwhImportsGrain : IGrainWithIntegerKey
{
    /// <summary>Remembers an import (the newest 20 are kept).</summary>
    [Alias("Remember")]
    Task Remember(Guid importId);

    /// <summary>The recent imports, newest first.</summary>
    [Alias("ListRecent")]
    Task<IReadOnlyList<Guid>> ListRecent();

    /// <summary>Registers (or updates) the nightly reminder; a no-op without a configured source table.</summary>
    [Alias("EnsureNightly")]
    Task EnsureNightly();
}

[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Dwh.DwhUploadRequest")]
public sealed record DwhUploadRequest(
    [property: Id(0)] string FileName,
    [property: Id(1)] int Chunks,
    [property: Id(2)] long Bytes,
    [property: Id(3)] string StartedBy);

public enum DwhImportStatus
{
    Receiving = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

public enum DwhImportSource
{
    Upload = 0,
    SourceTable = 1,
}

/// <summary>
/// Progress and result of an import. Rows: data rows read (header excluded); Inserted: new customers; Updated: changed
/// rows; Unchanged: rows equal to the stored ones (no write); Rejected: invalid rows. Progress in per cent of the bytes
/// (upload) or of the rows counted at the start (source table).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Dwh.DwhImportView")]
public sealed record DwhImportView(
    [property: Id(0)] Guid ImportId,
    [property: Id(1)] DwhImportSource Source,
    [property: Id(2)] string FileName,
    [property: Id(3)] DwhImportStatus Status,
    [property: Id(4)] long Bytes,
    [property: Id(5)] long BytesRead,
    [property: Id(6)] long TotalRows,
    [property: Id(7)] long Rows,
    [property: Id(8)] long Inserted,
    [property: Id(9)] long Updated,
    [property: Id(10)] long Unchanged,
    [property: Id(11)] long Rejected,
    [property: Id(12)] string Encoding,
    [property: Id(13)] DateTimeOffset? StartedAt,
    [property: Id(14)] DateTimeOffset? FinishedAt,
    [property: Id(15)] string? Failure,
    [property: Id(16)] int Percent);

/// <summary>A rejected row: its line in the file (header = 1) or its row in the source table, the column, and why (German).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Dwh.DwhRejectedRow")]
public sealed record DwhRejectedRow(
    [property: Id(0)] long RowNumber,
    [property: Id(1)] string? Column,
    [property: Id(2)] string Reason);
