namespace Kasse.Inbox;

/// <summary>
/// What an agent tells its queues: a hint for matching, never trusted for the invariant (the agent grain checks its
/// capacity itself). <see cref="Version"/> orders announcements, which may arrive out of order.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.AgentAvailability")]
public sealed record AgentAvailability(
    [property: Id(0)] string AgentId,
    [property: Id(1)] bool Available,
    [property: Id(2)] IReadOnlyList<string> Skills,
    [property: Id(3)] AgentCapacity Capacity,
    [property: Id(4)] int Load,
    [property: Id(5)] DateTimeOffset IdleSince,
    [property: Id(6)] long Version)
{
    public int Free => Capacity.Budget - Load;

    /// <summary>Whether an item of <paramref name="channel"/> needing <paramref name="skills"/> fits now (as far as known).</summary>
    public bool Fits(WorkChannel channel, IReadOnlyList<string> skills) =>
        Available && Capacity.WeightOf(channel) is { } weight && weight <= Free && skills.All(s => Skills.Contains(s));
}
