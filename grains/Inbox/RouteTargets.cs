using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Turns a route's steps into the item's targets: steps that do not apply are skipped (no team, no skill, nobody served
/// this customer before), and the route ends at the first step without a time limit. Never empty: <c>general</c> at worst.
/// </summary>
public static class RouteTargets
{
    public static List<RoutingTarget> Build(IReadOnlyList<RouteStep> steps, string? team, IReadOnlyList<string> skills, string? lastAgent)
    {
        var targets = new List<RoutingTarget>();
        foreach (var step in steps)
        {
            RoutingTarget? target = step.Kind switch
            {
                RouteStepKind.LastAgent when lastAgent is not null => RoutingTarget.ToAgent(lastAgent, step.Timeout!.Value),
                RouteStepKind.Team when step.Name is { } named => RoutingTarget.ToQueue(QueueNames.ForItem(named, skills), step.Timeout),
                RouteStepKind.Team when !string.IsNullOrEmpty(team) => RoutingTarget.ToQueue(QueueNames.ForItem(team, skills), step.Timeout),
                RouteStepKind.Skill when step.Name is { } named => RoutingTarget.ToQueue(QueueNames.ForItem(null, [named]), step.Timeout, [named]),
                RouteStepKind.Skill when skills.Count > 0 => RoutingTarget.ToQueue(QueueNames.ForItem(null, skills), step.Timeout),
                RouteStepKind.General => RoutingTarget.ToQueue(QueueNames.General, step.Timeout, []),
                _ => null,
            };
            if (target is null)
                continue;
            targets.Add(target);
            if (target.Timeout is null)
                break;
        }
        if (targets.Count == 0 || targets[^1].Timeout is not null)
            targets.Add(RoutingTarget.ToQueue(QueueNames.General, null, []));
        return targets;
    }
}
