namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// The counters of an import after some rows: data rows read (header excluded), new cases, rows whose case number was
/// already there, rejected rows, and how many errors (of rejected rows) are stored (capped).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.EinmalPin.Import.PinImportCounts")]
public sealed record PinImportCounts(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Imported,
    [property: Id(2)] long Existing,
    [property: Id(3)] long Rejected,
    [property: Id(4)] long StoredErrors)
{
    /// <summary>
    /// No rows yet, as a new object each time: a job state read from storage is filled into the counters object it was
    /// created with, so a shared instance took on the counts of the first job that resumed, and every later import in the
    /// process started from them (seen as one host's imports showing another host's counts).
    /// </summary>
    public static PinImportCounts Zero => new(0, 0, 0, 0, 0);
}
