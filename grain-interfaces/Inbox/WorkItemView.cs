namespace Kasse.Inbox;

/// <summary>A work item as agents, integrators and the supervisor see it.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.WorkItemView")]
public sealed record WorkItemView(
    [property: Id(0)] string Id,
    [property: Id(1)] WorkChannel Channel,
    [property: Id(2)] string? CustomerKey,
    [property: Id(3)] string Topic,
    [property: Id(4)] IReadOnlyList<string> RequiredSkills,
    [property: Id(5)] string? Team,
    [property: Id(6)] int Priority,
    [property: Id(7)] DateTimeOffset SlaDeadline,
    [property: Id(8)] WorkItemStatus Status,
    [property: Id(9)] string Queue,
    [property: Id(10)] string? AgentId,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] int MessageCount,
    [property: Id(13)] string? Reference,
    [property: Id(40)] bool Escalated = false,
    [property: Id(41)] string? ReservedFor = null,
    [property: Id(42)] int? RoutingVersion = null);
