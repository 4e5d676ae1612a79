using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// The cases per status as one read saw them: the counts, the time expiry was judged at, and what the read saw
/// (<see cref="Seen"/>: PostgreSQL's snapshot, <c>pg_current_snapshot()</c> as text; null where there is none, in
/// memory). The next tally starts from this one and re-derives only the cases that changed since.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.EinmalPin.Results.PinStatusTally")]
public sealed record PinStatusTally(
    [property: Id(0)] IReadOnlyDictionary<PinCaseStatus, long> Counts,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Seen)
{
    /// <summary>
    /// These counts with the changed cases' old statuses taken away and their new ones added (a case that did not
    /// exist before has no old status; none ever leaves).
    /// </summary>
    public IReadOnlyDictionary<PinCaseStatus, long> Apply(
        IReadOnlyDictionary<PinCaseStatus, long> before, IReadOnlyDictionary<PinCaseStatus, long> after)
    {
        var counts = new Dictionary<PinCaseStatus, long>(Counts);
        foreach (var (status, n) in before)
            counts[status] = counts.GetValueOrDefault(status) - n;
        foreach (var (status, n) in after)
            counts[status] = counts.GetValueOrDefault(status) + n;
        return counts.Where(c => c.Value != 0).ToDictionary(c => c.Key, c => c.Value);
    }
}
