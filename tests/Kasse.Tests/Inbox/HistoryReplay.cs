using Kasse.Inbox;

namespace Kasse.Tests.Inbox;

/// <summary>
/// Replays the stored history in position order and checks the routing invariants at every step: an item has at most
/// one live offer or assignment at a time and is assigned at most once; the weighted load of each agent's offers and
/// assignments never exceeds the budget recorded with its offers. A transfer, a supervisor's reassignment and the end
/// of an offer or assignment it causes free the agent's capacity at the event that records them; hold and resume
/// change nothing of the load but must come from the agent holding the item.
/// </summary>
public sealed class HistoryReplay
{
    public List<string> Violations { get; } = [];

    public Dictionary<string, int> Assignments { get; } = [];

    public Dictionary<string, int> Completions { get; } = [];

    public int Offers { get; private set; }

    /// <summary>Transfers and reassignments replayed.</summary>
    public int Moves { get; private set; }

    public int MaxLoadSeen { get; private set; }

    public static HistoryReplay Of(IReadOnlyList<WorkItemEvent> eventsInPositionOrder)
    {
        var replay = new HistoryReplay();
        var load = new Dictionary<string, int>();
        var holder = new Dictionary<string, (string Agent, Guid? Offer, bool Assigned)>();
        var lastSeq = new Dictionary<string, int>();
        foreach (var e in eventsInPositionOrder)
        {
            if (lastSeq.TryGetValue(e.ItemId, out var previous) && e.Seq <= previous)
                replay.Violations.Add($"{e.ItemId}: seq {e.Seq} after {previous} in position order");
            lastSeq[e.ItemId] = e.Seq;
            switch (e.Kind)
            {
                case WorkItemEventKind.Offered:
                    replay.Offers++;
                    if (holder.ContainsKey(e.ItemId))
                        replay.Violations.Add($"{e.ItemId}: offered to {e.AgentId} while held by {holder[e.ItemId].Agent}");
                    holder[e.ItemId] = (e.AgentId!, e.OfferId, false);
                    var now = load.GetValueOrDefault(e.AgentId!) + e.Weight;
                    load[e.AgentId!] = now;
                    replay.MaxLoadSeen = Math.Max(replay.MaxLoadSeen, now);
                    if (now > e.Budget)
                        replay.Violations.Add($"{e.AgentId}: load {now} over budget {e.Budget} at position {e.Position}");
                    break;
                case WorkItemEventKind.OfferDeclined or WorkItemEventKind.OfferExpired:
                    if (!holder.TryGetValue(e.ItemId, out var offered) || offered.Offer != e.OfferId || offered.Assigned)
                        replay.Violations.Add($"{e.ItemId}: offer {e.OfferId} ended that was not live");
                    holder.Remove(e.ItemId);
                    load[e.AgentId!] = load.GetValueOrDefault(e.AgentId!) - e.Weight;
                    break;
                case WorkItemEventKind.Assigned:
                    replay.Assignments[e.ItemId] = replay.Assignments.GetValueOrDefault(e.ItemId) + 1;
                    if (!holder.TryGetValue(e.ItemId, out var live) || live.Offer != e.OfferId || live.Agent != e.AgentId || live.Assigned)
                        replay.Violations.Add($"{e.ItemId}: assigned to {e.AgentId} without holding the live offer");
                    holder[e.ItemId] = (e.AgentId!, e.OfferId, true);
                    break;
                case WorkItemEventKind.Transferred:
                    if (!holder.TryGetValue(e.ItemId, out var transferring) || !transferring.Assigned || transferring.Agent != e.AgentId
                        || transferring.Offer != e.OfferId)
                        replay.Violations.Add($"{e.ItemId}: transferred by {e.AgentId} who was not assigned");
                    replay.Moves++;
                    holder.Remove(e.ItemId);
                    load[e.AgentId!] = load.GetValueOrDefault(e.AgentId!) - e.Weight;
                    break;
                case WorkItemEventKind.Reassigned:
                    replay.Moves++;
                    if (e.AgentId is null)
                    {
                        if (holder.TryGetValue(e.ItemId, out var unexpected))
                            replay.Violations.Add($"{e.ItemId}: reassigned as waiting while held by {unexpected.Agent}");
                        break;
                    }
                    if (!holder.TryGetValue(e.ItemId, out var reassigned) || reassigned.Agent != e.AgentId || reassigned.Offer != e.OfferId)
                        replay.Violations.Add($"{e.ItemId}: reassigned away from {e.AgentId} who did not hold it");
                    holder.Remove(e.ItemId);
                    load[e.AgentId!] = load.GetValueOrDefault(e.AgentId!) - e.Weight;
                    break;
                case WorkItemEventKind.PutOnHold or WorkItemEventKind.Resumed:
                    if (!holder.TryGetValue(e.ItemId, out var holding) || !holding.Assigned || holding.Agent != e.AgentId)
                        replay.Violations.Add($"{e.ItemId}: {e.Kind} by {e.AgentId} who was not assigned");
                    break;
                case WorkItemEventKind.Completed:
                    replay.Completions[e.ItemId] = replay.Completions.GetValueOrDefault(e.ItemId) + 1;
                    if (!holder.TryGetValue(e.ItemId, out var assigned) || !assigned.Assigned || assigned.Agent != e.AgentId)
                        replay.Violations.Add($"{e.ItemId}: completed by {e.AgentId} who was not assigned");
                    holder.Remove(e.ItemId);
                    load[e.AgentId!] = load.GetValueOrDefault(e.AgentId!) - e.Weight;
                    break;
            }
        }
        return replay;
    }
}
