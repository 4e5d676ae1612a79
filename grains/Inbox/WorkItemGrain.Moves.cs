using System.Text.Json;
using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Moving a work item on: the assigned agent transfers it (to a colleague or a team) or puts it on hold; a supervisor
/// reassigns it in any status short of done. An offer or assignment that ends is recorded (with its weight, so the
/// history shows the agent's capacity freed) before that agent's desk is told to free it.
/// </summary>
public sealed partial class WorkItemGrain
{
    private static bool IsHeld(WorkItemStatus status) =>
        status is WorkItemStatus.Assigned or WorkItemStatus.InProgress or WorkItemStatus.WaitingForCustomer or WorkItemStatus.OnHold;

    public async Task<WorkItemView> Transfer(string agentId, TransferRequest request)
    {
        await EnsureMovableAsync(request);
        if (S.AgentId != agentId || !IsHeld(S.Status))
            throw new InboxException(InboxErrors.NotAssigned, "Dieser Vorgang ist Ihnen nicht zugewiesen.");
        if (request.ToAgentId?.Trim() == agentId)
            throw new InboxException(InboxErrors.TransferToSelf, "Sie können einen Vorgang nicht an sich selbst übergeben.");
        return await MoveAsync(WorkItemEventKind.Transferred, agentId, request);
    }

    public async Task<WorkItemView> Reassign(string supervisorId, TransferRequest request)
    {
        await EnsureMovableAsync(request);
        var holder = S.Offer?.AgentId ?? (IsHeld(S.Status) ? S.AgentId : null);
        if (holder is not null && request.ToAgentId?.Trim() == holder)
            throw new InboxException(InboxErrors.TransferToSelf, "Der Vorgang liegt schon bei dieser Person.");
        return await MoveAsync(WorkItemEventKind.Reassigned, supervisorId, request);
    }

    public async Task<WorkItemView> Hold(string agentId)
    {
        await EnsureHeldByAsync(agentId);
        if (S.Status == WorkItemStatus.OnHold)
            return View();
        S.StatusBeforeHold = S.Status;
        S.Status = WorkItemStatus.OnHold;
        await CommitAsync(Event(WorkItemEventKind.PutOnHold, agentId, S.AssignedOfferId));
        return View();
    }

    public async Task<WorkItemView> Resume(string agentId)
    {
        await EnsureHeldByAsync(agentId);
        if (S.Status != WorkItemStatus.OnHold)
            return View();
        S.Status = IsHeld(S.StatusBeforeHold) && S.StatusBeforeHold != WorkItemStatus.OnHold ? S.StatusBeforeHold : WorkItemStatus.Assigned;
        await CommitAsync(Event(WorkItemEventKind.Resumed, agentId, S.AssignedOfferId));
        return View();
    }

    public async Task<bool> HoldsAssignment(string agentId, Guid offerId)
    {
        await EnsureReadyAsync();
        return IsHeld(S.Status) && S.AgentId == agentId && S.AssignedOfferId == offerId;
    }

    private async Task EnsureMovableAsync(TransferRequest request)
    {
        await EnsureReadyAsync();
        if (!S.Created)
            throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.");
        if (IsFinal(S.Status))
            throw new InboxException(InboxErrors.AlreadyDone, "Dieser Vorgang ist abgeschlossen.");
        if (request.Validate().Count > 0)
            throw new InboxException(InboxErrors.Invalid, "Genau ein Ziel (Kollegin/Kollege oder Team) und eine Notiz von höchstens 2000 Zeichen.");
    }

    private async Task EnsureHeldByAsync(string agentId)
    {
        await EnsureReadyAsync();
        if (!S.Created)
            throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.");
        if (IsFinal(S.Status))
            throw new InboxException(InboxErrors.AlreadyDone, "Dieser Vorgang ist abgeschlossen.");
        if (S.AgentId != agentId || !IsHeld(S.Status))
            throw new InboxException(InboxErrors.NotAssigned, "Dieser Vorgang ist Ihnen nicht zugewiesen.");
    }

    /// <summary>
    /// Ends the live offer or the assignment (recorded with the agent and weight), gives the item its new route — a
    /// colleague first (reserved for <see cref="RoutingOptions.TransferWait"/>, then its own queue), or the team's
    /// queue — and queues it there. The note goes into the history's detail only.
    /// </summary>
    private async Task<WorkItemView> MoveAsync(WorkItemEventKind kind, string by, TransferRequest request)
    {
        var now = clock.GetUtcNow();
        var toAgent = string.IsNullOrWhiteSpace(request.ToAgentId) ? null : request.ToAgentId.Trim();
        var toTeam = string.IsNullOrWhiteSpace(request.ToTeam) ? null : request.ToTeam.Trim();
        var detail = JsonSerializer.Serialize(new { by, toAgent, toTeam, note = request.Note });
        var endedOffer = S.Offer;
        var endedAssignment = endedOffer is null && IsHeld(S.Status) ? S.AgentId : null;
        var leftQueue = S.Queue;

        if (toTeam is not null)
        {
            S.Team = toTeam;
            S.Targets = [RoutingTarget.ToQueue(QueueNames.ForItem(toTeam, S.CreatedSkills))];
        }
        else
        {
            S.Targets = [RoutingTarget.ToAgent(toAgent!, options.TransferWait), RoutingTarget.ToQueue(QueueNames.ForItem(S.Team, S.CreatedSkills))];
        }
        ApplyTarget(0, now);
        S.Status = WorkItemStatus.Queued;
        S.Offer = null;
        StopExpiryTimer();

        WorkItemEvent moved;
        if (endedOffer is not null)
        {
            moved = Event(kind, endedOffer.AgentId, endedOffer.OfferId, endedOffer.Weight, detail: detail);
            AddDeclined(endedOffer.AgentId);
        }
        else if (endedAssignment is not null)
        {
            moved = Event(kind, endedAssignment, S.AssignedOfferId, S.AssignedWeight, detail: detail);
            AddDeclined(endedAssignment);
        }
        else
        {
            moved = Event(kind, detail: detail);
        }
        S.AgentId = null;
        S.AssignedOfferId = null;
        S.AssignedWeight = 0;
        await CommitAsync(moved, Event(WorkItemEventKind.Queued));

        // Only now may the agent free the capacity (one-way: the desk asks back before it releases).
        if (endedOffer is not null)
        {
            Settle(endedOffer.OfferId);
            await GrainFactory.GetGrain<IAgentDeskGrain>(endedOffer.AgentId).ReleaseIfGone(endedOffer.OfferId);
        }
        else if (endedAssignment is not null)
        {
            await GrainFactory.GetGrain<IAgentDeskGrain>(endedAssignment).ReleaseAssignmentIfGone(Id);
        }
        await ForgetInAsync(leftQueue);
        await EnsureQueuedAsync();
        await DeadlinesChangedAsync();
        return View();
    }

    private void AddDeclined(string agentId)
    {
        // The agent who handed it on gets it again only when nobody else could take it.
        if (!S.DeclinedBy.Contains(agentId))
            S.DeclinedBy.Add(agentId);
    }
}
