namespace Kasse.Grains.Inbox;

/// <summary>
/// One step of an item's route: a queue, or one agent (<see cref="AgentId"/>, offered to that agent only, through the
/// <c>general</c> queue every agent serves). After <see cref="Timeout"/> without an assignment the item moves to the
/// next step; the last step has no timeout. <see cref="Skills"/>, when given, replaces the item's required skills
/// while it waits at this step (a broader skill set).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Inbox.RoutingTarget")]
public sealed record RoutingTarget(
    [property: Id(0)] string Queue,
    [property: Id(1)] string? AgentId,
    [property: Id(2)] TimeSpan? Timeout,
    [property: Id(3)] IReadOnlyList<string>? Skills = null)
{
    public static RoutingTarget ToQueue(string queue, TimeSpan? timeout = null, IReadOnlyList<string>? skills = null) => new(queue, null, timeout, skills);

    public static RoutingTarget ToAgent(string agentId, TimeSpan timeout) => new(Kasse.Inbox.QueueNames.General, agentId, timeout);
}
