using Kasse.Inbox;

namespace Kasse.Supervision;

/// <summary>
/// An agent as a supervisor sees it: presence, team, load of the capacity budget, open offers and the items assigned.
/// <see cref="At"/> is when the desk took it; the newer one wins.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Supervision.AgentSummary")]
public sealed record AgentSummary(
    [property: Id(0)] string AgentId,
    [property: Id(1)] AgentPresence Presence,
    [property: Id(2)] string? Team,
    [property: Id(3)] int Load,
    [property: Id(4)] int Budget,
    [property: Id(5)] int Offers,
    [property: Id(6)] IReadOnlyList<string> AssignedItems,
    [property: Id(7)] DateTimeOffset At)
{
    public static AgentSummary From(AgentDeskView desk, DateTimeOffset at) => new(
        desk.AgentId, desk.Presence, desk.Profile.Team, desk.Load, desk.Profile.Capacity.Budget, desk.Offers.Count, desk.AssignedItems, at);
}
