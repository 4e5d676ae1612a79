namespace Kasse.Grains.Conversations;

/// <summary>
/// A bounded map (sender, client message id) → sequence number: the window in which a retried write is recognised.
/// Oldest entries fall out first, so memory stays constant however long a conversation runs. It keeps a 64-bit hash of
/// each pair, not the strings: a message's id string then dies with the message instead of living on in gen 2 for the
/// next few hundred messages. So a hit is only a candidate, which the caller confirms against the stored event; a pair
/// whose hash is taken is not remembered, and its retry is recognised by the history's unique key instead.
/// </summary>
public sealed class RecentClientIds(int capacity)
{
    private readonly Dictionary<ulong, long> _seqByHash = new(capacity);
    private readonly ulong[] _order = new ulong[capacity];
    private int _next;
    private int _count;

    public void Add(string sender, string clientMessageId, long seq)
    {
        var hash = Hash(sender, clientMessageId);
        if (!_seqByHash.TryAdd(hash, seq))
            return;
        if (_count == capacity)
            _seqByHash.Remove(_order[_next]);
        else
            _count++;
        _order[_next] = hash;
        _next = (_next + 1) % capacity;
    }

    /// <summary>The seq remembered for the pair's hash: probably, not certainly, the pair's own message.</summary>
    public bool TryGetCandidate(string sender, string clientMessageId, out long seq) =>
        _seqByHash.TryGetValue(Hash(sender, clientMessageId), out seq);

    // FNV-1a over both strings with a separator: stable, cheap, allocation-free; collisions only cost a query.
    private static ulong Hash(string sender, string clientMessageId)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var c in sender)
            hash = (hash ^ c) * prime;
        hash = (hash ^ 0xFFFF) * prime;
        foreach (var c in clientMessageId)
            hash = (hash ^ c) * prime;
        return hash;
    }
}
