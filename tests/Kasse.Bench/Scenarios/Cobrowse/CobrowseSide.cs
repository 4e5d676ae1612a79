using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// One participant of a session (index 0 the insured, 1 the agent): the hub connection, one edit lane per watched
/// field, the highest version of each field it has seen (pushed states and its own answers; the base of its next edit),
/// and the seqs of the states pushed to it.
/// </summary>
public sealed class CobrowseSide(int index, string userId, HubConnection connection)
{
    public const int Insured = 0;
    public const int Agent = 1;

    private readonly long[] _versions = new long[3];
    private long _nextNumber;
    private long _lastSeq;

    // Seqs of own edits whose answers came before the pushes they follow (a few at most: one edit in flight per lane).
    private readonly SortedSet<long> _early = [];

    public int Index { get; } = index;

    public string UserId { get; } = userId;

    public HubConnection Connection { get; } = connection;

    public EditLane[] Lanes { get; } = [new(), new(), new()];

    public char Letter => Index == Insured ? 'i' : 'a';

    public long NextNumber() => Interlocked.Increment(ref _nextNumber);

    public long VersionOf(int field) => Interlocked.Read(ref _versions[field]);

    /// <summary>Versions only grow: keeps the higher of the known and <paramref name="version"/>.</summary>
    public void Observe(int field, long version)
    {
        var known = Interlocked.Read(ref _versions[field]);
        while (version > known)
        {
            var was = Interlocked.CompareExchange(ref _versions[field], version, known);
            if (was == known)
                return;
            known = was;
        }
    }

    /// <summary>
    /// Records a pushed seq: 1 when it skipped seqs, -1 when it went backwards or repeated, 0 when in order. The seqs of
    /// this side's own edits come in their answers (<see cref="ObserveAnswered"/>), not pushed, and fill the gaps.
    /// </summary>
    public int ObserveSeq(long seq)
    {
        lock (_versions)
        {
            var last = _lastSeq;
            if (seq <= last)
                return -1;
            _lastSeq = seq;
            TakeEarly();
            return last > 0 && seq > last + 1 ? 1 : 0;
        }
    }

    /// <summary>
    /// Records the seq of an answer's change: it follows the seq held, or waits for the pushes still on their way
    /// before it (as the product's client keeps such a change until they are in).
    /// </summary>
    public void ObserveAnswered(long seq)
    {
        lock (_versions)
        {
            if (seq <= _lastSeq)
                return;
            if (seq == _lastSeq + 1)
            {
                _lastSeq = seq;
                TakeEarly();
            }
            else
            {
                _early.Add(seq);
            }
        }
    }

    private void TakeEarly()
    {
        while (_early.Remove(_lastSeq + 1))
            _lastSeq++;
        _early.RemoveWhere(s => s <= _lastSeq);
    }

    public int Waiting => Lanes.Sum(l => l.Waiting);
}
