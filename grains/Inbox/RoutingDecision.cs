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
}
