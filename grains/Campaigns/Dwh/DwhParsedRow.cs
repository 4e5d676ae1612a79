namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// One data row of an import: its number among the data rows (from 1; resuming skips by it), the number reported with
/// its errors (the line in a file, header = 1; the row in the source table), and the record or its errors.
/// </summary>
public sealed record DwhParsedRow(long DataRow, long ReportedRow, CustomerMasterRecord? Record, IReadOnlyList<DwhFieldError> Errors);
