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
    public static DwhImportCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);
}
