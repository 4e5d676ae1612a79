namespace Kasse.Campaigns.Journey;

/// <summary>
/// The journey notification stream: memory streams (not durable) named <see cref="Provider"/>, one stream per customer
/// (namespace <see cref="Namespace"/>, key = customer key) carrying <see cref="JourneyEvent"/>s. The customer grain and
/// the trigger consumer subscribe implicitly; both re-read <c>journey_events</c> when they see a gap in seq, and the
/// journey owner sends a catch-up after a quiet spell, so a lost message is recovered from the table.
/// </summary>
public static class JourneyStream
{
    public const string Provider = "journey";

    public const string Namespace = "journey";
}
