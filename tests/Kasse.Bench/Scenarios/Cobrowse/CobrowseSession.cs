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

    /// <summary>Every edit sent in this session, by its value (unique per session).</summary>
    public ConcurrentDictionary<string, EditRecord> Edits { get; } = new(StringComparer.Ordinal);

    public CobrowseSide PeerOf(int side) => Sides[1 - side];
}
