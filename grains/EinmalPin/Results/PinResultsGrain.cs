using System.Globalization;
using Kasse.EinmalPin;
using Orleans.Concurrency;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// Counts and the daily results export over all cases: a stateless worker, since it only reads what the intake, the
/// letter production and the case grains wrote.
/// </summary>
[StatelessWorker]
public sealed class PinResultsGrain(IPinResultsReader reader, TimeProvider clock) : Grain, IPinResultsGrain
{
    /// <summary>The largest page of <see cref="ReadChanges"/>.</summary>
    public const int MaxPage = 5_000;

    /// <summary>
    /// Cases one step of the daily export looks at: on a million cases a step then takes a fraction of a second even on
    /// a day with few changes (docs/einmalpin.md, "Results"), far below the grain call timeout.
    /// </summary>
    public const int ScanWindow = 20_000;

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>From the counts' owner, which derives them from its last tally (cheap on a million cases).</summary>
    public Task<PinStatusCounts> GetCounts() => GrainFactory.GetGrain<IPinStatusCountsGrain>(0).GetCounts();

    public async Task<IReadOnlyList<PinResultRow>> ReadChanges(DateOnly day, string? after, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var (from, until) = BerlinDay(day);
        var now = clock.GetUtcNow();
        var rows = new List<PinResultRow>();
        var next = after;
        do
        {
            var scan = await reader.ReadChangesAsync(from, until, next, Math.Min(max, MaxPage) - rows.Count, ScanWindow, now);
            rows.AddRange(scan.Rows);
            next = scan.ScannedThrough;
        }
        while (next is not null && rows.Count < Math.Min(max, MaxPage));
        return rows;
    }

    public async Task<PinResultsCsvPage> ReadCsvPage(DateOnly day, string? after, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var (from, until) = BerlinDay(day);
        var scan = await reader.ReadChangesAsync(from, until, after, Math.Min(max, MaxPage), ScanWindow, clock.GetUtcNow());
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        if (after is null)
            PinResultsCsv.WriteHeader(text);
        foreach (var row in scan.Rows)
            PinResultsCsv.WriteRow(text, row);
        return new PinResultsCsvPage(text.ToString(), scan.Rows.Count, scan.ScannedThrough);
    }

    /// <summary>Closed automatically ÷ decided by the rule set (closed automatically, with a clerk, closed by a clerk); 0 when none.</summary>
    public static double StpRate(IReadOnlyDictionary<PinCaseStatus, long> byStatus)
    {
        var automatic = byStatus.GetValueOrDefault(PinCaseStatus.ClosedAutomatically);
        var decided = automatic + byStatus.GetValueOrDefault(PinCaseStatus.WithClerk) + byStatus.GetValueOrDefault(PinCaseStatus.ClosedByClerk);
        return decided == 0 ? 0 : (double)automatic / decided;
    }

    /// <summary>The UTC bounds of a calendar day in Germany (23 or 25 hours on the days the clocks change).</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) BerlinDay(DateOnly day) =>
        (StartOf(day), StartOf(day.AddDays(1)));

    private static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Berlin.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
