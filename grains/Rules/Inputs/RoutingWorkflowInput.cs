namespace Kasse.Grains.Rules.Inputs;

/// <summary>
/// What the filters of a routing document see of a new work item: channel (<c>chat</c>, <c>email</c>, <c>form</c>,
/// <c>callback</c>, <c>workflow</c>, <c>phone</c>), topic, required skills, priority (after <c>routing.priority</c>), team
/// (empty when none), and of the customer whether one is known, their age (0 when unknown) and whether it is a complaint.
/// </summary>
public sealed record RoutingWorkflowInput(
    string Channel,
    string Topic,
    string[] Skills,
    int Priority,
    string Team,
    bool HasCustomer,
    int CustomerAge,
    bool IsComplaint);
