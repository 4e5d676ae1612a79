namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The append-only event log of form sessions. Appends are idempotent per (session, seq), so a re-append after a lost
/// answer stores nothing new, and per (session, participant, operation id), so a retried edit is stored once however
/// late the retry comes.
/// </summary>
public interface IFormSessionLog
{
    /// <summary>
    /// Completes once the event is durable, with the event the log holds: the given one, or — when the participant's
    /// operation id is stored already under another seq — that original, and nothing new is stored.
    /// </summary>
    Task<FormSessionEvent> AppendAsync(FormSessionEvent sessionEvent);

    /// <summary>The events after <paramref name="afterSeq"/> in ascending order (to complete a snapshot).</summary>
    Task<IReadOnlyList<FormSessionEvent>> ReadAfterAsync(Guid sessionId, long afterSeq);

    /// <summary>
    /// An activation's read, in one round trip: the events after <paramref name="afterSeq"/>, and the last
    /// <paramref name="operations"/> events with an operation id at or before it as remembered operations (their answers).
    /// </summary>
    Task<FormSessionTail> ReadTailAsync(Guid sessionId, long afterSeq, int operations);
}
