using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The journey events (<c>journey_events</c>), written by the customer's journey owner before they are published on the
/// stream; the table is the truth, the stream only says "look". Memory in the embedded default.
/// </summary>
public interface IJourneyEventStore
{
    /// <summary>Appends; false when the customer already has an event with this EventId (idempotent retry).</summary>
    Task<bool> AppendAsync(JourneyEvent journeyEvent, CancellationToken cancellationToken = default);

    /// <summary>A customer's events after <paramref name="afterSeq"/>, in seq order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<JourneyEvent>> ReadAsync(string customerKey, long afterSeq, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// What an activating reader needs without reading the whole journey: the newest seq (0 when none) and the newest
    /// TariffViewed event.
    /// </summary>
    Task<JourneyTail> ReadTailAsync(string customerKey, CancellationToken cancellationToken = default);

    /// <summary>The stored event with this id, or null (a retry learns its seq).</summary>
    Task<JourneyEvent?> FindAsync(string customerKey, string eventId, CancellationToken cancellationToken = default);
}

/// <summary>The newest seq of a customer's journey and its newest TariffViewed event.</summary>
public sealed record JourneyTail(long LastSeq, JourneyEvent? LastTariffViewed);
