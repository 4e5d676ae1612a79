using System.Collections.Concurrent;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>One form session of the load: its ids, its two sides, and every edit sent in it by value.</summary>
public sealed class CobrowseSession(int index, Guid conversationId, Guid sessionId, CobrowseSide insured, CobrowseSide agent)
{
    public int Index { get; } = index;

    public Guid ConversationId { get; } = conversationId;

    public Guid SessionId { get; } = sessionId;

    public CobrowseSide[] Sides { get; } = [insured, agent];

    public CobrowseSide Insured => Sides[CobrowseSide.Insured];

    public CobrowseSide Agent => Sides[CobrowseSide.Agent];

    /// <summary>
    /// The edits of this session still to account for, by value (unique per session): an edit leaves once it is applied
    /// and seen by the peer, or refused, so that the load generator's bookkeeping does not grow through the run and
    /// churn the same process's older generations.
    /// </summary>
    public ConcurrentDictionary<string, EditRecord> Edits { get; } = new(StringComparer.Ordinal);

    /// <summary>Forgets an edit that needs no more accounting (applied and seen, or refused).</summary>
    public void Forget(EditRecord edit) => Edits.TryRemove(new KeyValuePair<string, EditRecord>(edit.Value, edit));

    public CobrowseSide PeerOf(int side) => Sides[1 - side];
}
