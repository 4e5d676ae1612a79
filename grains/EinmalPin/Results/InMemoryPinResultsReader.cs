using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// The results over the in-memory stores (embedded mode): reads all cases, secrets and events and derives each status
/// with <see cref="PinStatusDerivation"/>. A store that is not there reads as empty.
/// </summary>
public sealed class InMemoryPinResultsReader(IPinCaseScan? cases, IPinSecretScan? secrets, IPinCaseEventScan? events) : IPinResultsReader
{
    public Task<IReadOnlyDictionary<PinCaseStatus, long>> CountAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<PinCaseStatus, long>();
        foreach (var derived in DeriveAll(now))
            counts[derived.Status] = counts.GetValueOrDefault(derived.Status) + 1;
        return Task.FromResult<IReadOnlyDictionary<PinCaseStatus, long>>(counts);
    }

    /// <summary>In memory there is no snapshot to start from: every tally counts every case (the embedded demo is small).</summary>
    public async Task<PinStatusTally> TallyAsync(PinStatusTally? previous, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        new(await CountAsync(now, cancellationToken), now, Seen: null);

    public Task<PinResultsScan> ReadChangesAsync(
        DateTimeOffset from, DateTimeOffset until, string? afterCaseNumber, int max, int window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var scanned = DeriveAll(now)
            .Where(d => afterCaseNumber is null || string.CompareOrdinal(d.Case.Data.CaseNumber, afterCaseNumber) > 0)
            .OrderBy(d => d.Case.Data.CaseNumber, StringComparer.Ordinal)
            .Take(window)
            .ToList();
        var rows = scanned
            .Where(d => d.At >= from && d.At < until)
            .Take(max)
            .Select(d => PinResultRows.Of(
                d.Case.Data.CaseNumber, d.Case.Data.CaseType, d.Status, d.At,
                PinEventDetail.Parse(d.Events.LastOrDefault(e => e.Kind is PinCaseEventKind.ClosedAutomatically or PinCaseEventKind.WithClerk)?.DetailJson),
                PinEventDetail.Parse(d.Events.LastOrDefault(e => e.Kind == PinCaseEventKind.Submitted)?.DetailJson)))
            .ToList();
        var windowEnd = scanned.Count > 0 ? scanned[^1].Case.Data.CaseNumber : afterCaseNumber;
        return Task.FromResult(new PinResultsScan(rows, PinResultsScan.Continuation(rows, max, windowEnd, scanned.Count < window)));
    }

    private List<Derived> DeriveAll(DateTimeOffset now)
    {
        var validIssues = (secrets?.ScanSecrets() ?? [])
            .GroupBy(s => s.CaseNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.IssueNo)!, StringComparer.Ordinal);
        var eventsOf = (events?.ScanEvents() ?? [])
            .GroupBy(e => e.CaseNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Seq).ToList(), StringComparer.Ordinal);
        var derived = new List<Derived>();
        foreach (var stored in cases?.ScanCases() ?? [])
        {
            var caseEvents = eventsOf.GetValueOrDefault(stored.Data.CaseNumber) ?? [];
            var (status, at) = PinStatusDerivation.Derive(
                stored.ImportedAt, validIssues.GetValueOrDefault(stored.Data.CaseNumber), caseEvents.LastOrDefault(), now);
            derived.Add(new Derived(stored, caseEvents, status, at));
        }
        return derived;
    }

    private sealed record Derived(StoredPinCase Case, List<PinCaseEventRecord> Events, PinCaseStatus Status, DateTimeOffset At);
}
