using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// Reads every case's status as docs/einmalpin.md derives it (read-only, over <c>pin_cases</c>, <c>pin_secrets</c> and
/// <c>pin_case_events</c>); the results grain turns it into counts and the daily results export.
/// </summary>
public interface IPinResultsReader
{
    /// <summary>The number of cases per status as of <paramref name="now"/> (statuses without cases are left out).</summary>
    Task<IReadOnlyDictionary<PinCaseStatus, long>> CountAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The number of cases per status as of <paramref name="now"/>, starting from <paramref name="previous"/> (the tally
    /// this returned last time, or null): re-derives only what changed since, where the store can tell (PostgreSQL);
    /// otherwise counts every case. Exact either way: the same counts as <see cref="CountAsync"/>.
    /// </summary>
    Task<PinStatusTally> TallyAsync(PinStatusTally? previous, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// One bounded step through the cases in case-number order after <paramref name="afterCaseNumber"/>: of the next
    /// <paramref name="window"/> cases, those whose status time lies in [<paramref name="from"/>, <paramref name="until"/>),
    /// at most <paramref name="max"/>. Bounded so that one call stays short however few cases changed that day; the
    /// steps of a whole day together read every case once.
    /// </summary>
    Task<PinResultsScan> ReadChangesAsync(
        DateTimeOffset from, DateTimeOffset until, string? afterCaseNumber, int max, int window, DateTimeOffset now, CancellationToken cancellationToken = default);
}
