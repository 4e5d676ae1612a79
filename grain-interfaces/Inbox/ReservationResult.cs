namespace Kasse.Inbox;

/// <summary>
/// The agent's answer to a reservation: reserved or not, the channel's weight and the budget at that moment (recorded
/// with the offer, so the capacity invariant can be checked from the history alone), and the agent's availability now.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.ReservationResult")]
public sealed record ReservationResult(
    [property: Id(0)] bool Reserved,
    [property: Id(1)] int Weight,
    [property: Id(2)] int Budget,
    [property: Id(3)] AgentAvailability Availability);
