namespace Kasse.Grains.Conversations;

/// <summary>
/// A bounded map (sender, client message id) → sequence number: the window in which a retried write is recognised.
/// Oldest entries fall out first, so memory stays constant however long a conversation runs.
/// </summary>
public sealed class RecentClientIds(int capacity)
{
    private readonly Dictionary<(string Sender, string ClientId), long> _seqById = [];
    private readonly Queue<(string Sender, string ClientId)> _order = new();

    public void Add(string sender, string clientMessageId, long seq)
    {
        var key = (sender, clientMessageId);
        if (!_seqById.TryAdd(key, seq))
            return;
        _order.Enqueue(key);
        if (_order.Count > capacity)
            _seqById.Remove(_order.Dequeue());
    }

    public bool TryGet(string sender, string clientMessageId, out long seq) => _seqById.TryGetValue((sender, clientMessageId), out seq);
}
