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
    public static PinImportCounts Zero { get; } = new(0, 0, 0, 0, 0);
}
