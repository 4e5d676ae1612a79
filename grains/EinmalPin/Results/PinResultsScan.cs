using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// What one bounded step of the daily results found: the rows, and the case number the scan went through (the next
/// step starts after it); null when every case was scanned.
/// </summary>
public sealed record PinResultsScan(IReadOnlyList<PinResultRow> Rows, string? ScannedThrough)
{
    /// <summary>
    /// Where the next step starts: after the last row when the page filled up, else after the scanned window, or
    /// nowhere (null) when the window reached the last case.
    /// </summary>
    public static string? Continuation(IReadOnlyList<PinResultRow> rows, int max, string? windowEnd, bool windowReachedEnd) =>
        rows.Count >= max ? rows[^1].CaseNumber : windowReachedEnd ? null : windowEnd;
}
