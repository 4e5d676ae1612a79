namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The counters of an import after some rows: data rows read (header excluded), inserted, updated and unchanged
/// customers, rejected rows, and how many rejections are stored (capped).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Campaigns.Dwh.DwhImportCounts")]
public sealed record DwhImportCounts(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Inserted,
    [property: Id(2)] long Updated,
    [property: Id(3)] long Unchanged,
    [property: Id(4)] long Rejected,
    [property: Id(5)] long StoredRejections)
{
    /// <summary>
    /// No rows yet, as a new object each time: a job state read from storage is filled into the counters object it was
    /// created with, so a shared instance took on the counts of the first job that resumed, and every later import in the
    /// process started from them (seen as one host's imports showing another host's counts).
    /// </summary>
    public static DwhImportCounts Zero => new(0, 0, 0, 0, 0, 0);
}
