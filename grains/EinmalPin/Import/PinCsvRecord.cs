using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// One data row of the print data stream: its line in the file (the header is line 1; a quoted line break makes a row
/// span lines, and the row is named by its first), its number among the data rows, and the case or why it is bad.
/// </summary>
public sealed record PinCsvRecord(long LineNumber, long DataRow, PinCaseData? Case, IReadOnlyList<PinFieldError> Errors);
