using Orleans.Concurrency;

namespace Kasse.Inbox;

/// <summary>
/// The routing side of one agent, keyed by the agent id (the token's subject): presence, skills, capacity, and the
/// reservations (offers) and assignments held now. It reserves capacity before an offer is made and refuses when the
/// budget is spent, so no agent ever holds more than its capacity.
/// </summary>
[Alias("Kasse.Inbox.IAgentDeskGrain")]
public interface IAgentDeskGrain : IGrainWithStringKey
{
    /// <summary>Sets presence, and team, skills and capacity when given.</summary>
    [Alias("SetPresence")]
    Task<AgentDeskView> SetPresence(AgentPresence presence, AgentRoutingProfile? profile);

    /// <summary>Reserves capacity for an offer of an item; refused when unavailable, full, or the channel is not handled.</summary>
    [Alias("Reserve")]
    Task<ReservationResult> Reserve(Guid offerId, string itemId, WorkChannel channel, DateTimeOffset expiresAt);

    /// <summary>The item recorded the offer: it becomes visible to the agent.</summary>
    [Alias("ConfirmOffer")]
    Task ConfirmOffer(AgentOffer offer);

    /// <summary>Asks the item about the offer and releases the reservation if the item says it is gone.</summary>
    [OneWay, Alias("ReleaseIfGone")]
    Task ReleaseIfGone(Guid offerId);

    /// <summary>Accepts an offer: the item assigns it, the reservation becomes an assignment.</summary>
    [Alias("Accept")]
    Task<WorkItemView> Accept(Guid offerId);

    [Alias("Decline")]
    Task Decline(Guid offerId);

    /// <summary>Wraps up an assigned item; its capacity is free again.</summary>
    [Alias("Complete")]
    Task Complete(string itemId);

    /// <summary>Hands an assigned item on (see <see cref="IWorkItemGrain.Transfer"/>); its capacity is free again.</summary>
    [Alias("Transfer")]
    Task<WorkItemView> Transfer(string itemId, TransferRequest request);

    /// <summary>The item says this agent's assignment of it may have ended (moved by a supervisor): ask it and free the capacity.</summary>
    [OneWay, Alias("ReleaseAssignmentIfGone")]
    Task ReleaseAssignmentIfGone(string itemId);

    /// <summary>Whether this agent ever set a presence (a transfer target must be a known agent). Reads only.</summary>
    [AlwaysInterleave, Alias("IsKnown")]
    Task<bool> IsKnown();

    [Alias("GetDesk")]
    Task<AgentDeskView> GetDesk();

    /// <summary>Returns the desk as soon as its version differs from <paramref name="knownVersion"/>, or after the wait.</summary>
    [AlwaysInterleave, Alias("WaitForChange")]
    Task<AgentDeskView> WaitForChange(long knownVersion, TimeSpan wait);
}
