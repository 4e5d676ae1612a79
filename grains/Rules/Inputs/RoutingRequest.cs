namespace Kasse.Grains.Rules.Inputs;

/// <summary>A request entering the inbox: the routing rules derive its priority and required skills (as events).</summary>
public sealed record RoutingRequest(
    string Channel,
    string Topic,
    int WaitingMinutes,
    int CustomerAge,
    bool IsComplaint);
