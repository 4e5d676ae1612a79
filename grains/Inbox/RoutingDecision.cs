using System.Collections.Concurrent;
using Kasse.Grains.Rules;
using Kasse.Grains.Rules.Inputs;
using Kasse.Inbox;
using Kasse.Rules;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Priority and required skills of a new item: what the intake gave, else what the <c>routing.priority</c> rule set
/// fired (events <c>priority:N</c>, <c>skill:name</c>; recorded as a decision about the item), else the channel's default.
/// </summary>
public sealed class RoutingDecision(RuleEvaluator rules)
{
    public const string SubjectType = "work-item";

    public async Task<(int Priority, IReadOnlyList<string> Skills)> DecideAsync(string itemId, NewWorkItem request)
    {
        var input = new RoutingRequest(WorkChannelNames.NameOf(request.Channel), request.Topic, 0, request.CustomerAge ?? 0, request.IsComplaint);
        var decision = await rules.DecideAndRecordAsync(RuleSetNames.RoutingPriority, input, SubjectType, itemId);
        var events = decision.Outcome == DecisionOutcome.SafeFallback ? [] : decision.Events;
        int? ruledPriority = events
            .Select(e => e.StartsWith("priority:", StringComparison.Ordinal) && int.TryParse(e.AsSpan(9), out var p) ? p : (int?)null)
            .Where(p => p is >= 1 and <= 9)
            .Min();
        var skills = request.RequiredSkills
            .Concat(events.Where(e => e.StartsWith("skill:", StringComparison.Ordinal)).Select(e => e[6..]))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return (request.Priority ?? ruledPriority ?? ChannelDefaults.PriorityOf(request.Channel), skills);
    }

    // Routes by their text: a document has a handful, parsed once per silo.
    private readonly ConcurrentDictionary<string, IReadOnlyList<RouteStep>> _routes = new(StringComparer.Ordinal);

    /// <summary>
    /// The route of a new item from the active <c>routing.workflow</c> document: the route of the first rule whose filter
    /// matches, with the document's version; the built-in route (team, skill, general) when no rule matches or the
    /// document cannot decide. Not recorded as a rule decision: the item records route and version in its history.
    /// </summary>
    public (IReadOnlyList<RouteStep> Steps, string Route, int? Version) Route(NewWorkItem request, int priority, IReadOnlyList<string> skills)
    {
        var input = new RoutingWorkflowInput(
            WorkChannelNames.NameOf(request.Channel), request.Topic.Trim(), [.. skills], priority, request.Team?.Trim() ?? "",
            request.CustomerKey is not null, request.CustomerAge ?? 0, request.IsComplaint);
        var decision = rules.Decide(RuleSetNames.RoutingWorkflow, input);
        var route = decision.Outcome == DecisionOutcome.SafeFallback
            ? null
            : decision.Events.FirstOrDefault(e => e.StartsWith(RouteSpec.Prefix, StringComparison.Ordinal));
        if (route is null)
            return (RouteSpec.Default, "route:team > skill > general", decision.Version);
        // Published routes passed validation; a broken one (cannot happen) falls back rather than failing intake.
        var steps = _routes.GetOrAdd(route, r =>
        {
            try
            {
                return RouteSpec.Parse(r);
            }
            catch (FormatException)
            {
                return RouteSpec.Default;
            }
        });
        return (steps, route, decision.Version);
    }
}
