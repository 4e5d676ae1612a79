namespace Kasse.Inbox;

/// <summary>
/// One work item, keyed by its id (<see cref="WorkItemKeys"/>). The single writer of its status, its offer and its
/// assignment: it accepts one offer at a time, identified by an offer id, and assigns at most one agent.
/// </summary>
[Alias("Kasse.Inbox.IWorkItemGrain")]
public interface IWorkItemGrain : IGrainWithStringKey
{
    /// <summary>Creates the item and queues it; the same call again returns the item as it stands (idempotent intake).</summary>
    [Alias("Create")]
    Task<WorkItemView> Create(NewWorkItem request);

    /// <summary>The item, or null when it was never created.</summary>
    [Alias("GetView")]
    Task<WorkItemView?> GetView();

    /// <summary>
    /// Records an offer to an agent who has already reserved capacity for it. False when the item is not waiting, or
    /// the offer arrives too late: the caller then lets the agent release its reservation.
    /// </summary>
    [Alias("Offer")]
    Task<bool> Offer(Guid offerId, string agentId, int weight, int budget, DateTimeOffset expiresAt);

    /// <summary>How the offer stands, for an agent reconciling a reservation (see <see cref="OfferStatus"/>).</summary>
    [Alias("CheckOffer")]
    Task<OfferCheck> CheckOffer(Guid offerId, string agentId, DateTimeOffset expiresAt);

    /// <summary>Assigns the item to the agent holding the live offer; the same accept again returns the same result.</summary>
    [Alias("Accept")]
    Task<WorkItemView> Accept(Guid offerId, string agentId);

    /// <summary>
    /// Ends the offer and puts the item back in its queue. Answers <see cref="OfferStatus.Gone"/> (also when the offer
    /// was gone already), or <see cref="OfferStatus.AssignedToYou"/> when this agent had accepted it before.
    /// </summary>
    [Alias("Decline")]
    Task<OfferStatus> Decline(Guid offerId, string agentId);

    /// <summary>Wraps the item up (done); only the assigned agent may, and again changes nothing.</summary>
    [Alias("Complete")]
    Task<WorkItemView> Complete(string agentId);

    /// <summary>Threads a further message (an e-mail reply) into the item; the same Message-ID again is ignored.</summary>
    [Alias("AddMessage")]
    Task<WorkItemView> AddMessage(WorkItemMessage message);

    /// <summary>
    /// The assigned agent hands the item on (to a colleague: an offer reserved for them; to a team: its queue) with a
    /// note. The agent's assignment ends; the caller (the agent's desk) then frees its capacity.
    /// </summary>
    [Alias("Transfer")]
    Task<WorkItemView> Transfer(string agentId, TransferRequest request);

    /// <summary>
    /// A supervisor moves the item, whatever its status short of done: a live offer or an assignment ends (that agent's
    /// desk is told to free the capacity), and the item goes to the target as with <see cref="Transfer"/>.
    /// </summary>
    [Alias("Reassign")]
    Task<WorkItemView> Reassign(string supervisorId, TransferRequest request);

    /// <summary>Puts the item on hold (the agent keeps it and its capacity); again changes nothing.</summary>
    [Alias("Hold")]
    Task<WorkItemView> Hold(string agentId);

    /// <summary>Takes the item off hold, back to the status it had; again changes nothing.</summary>
    [Alias("Resume")]
    Task<WorkItemView> Resume(string agentId);

    /// <summary>Whether the agent still holds the item through the assignment of <paramref name="offerId"/>.</summary>
    [Alias("HoldsAssignment")]
    Task<bool> HoldsAssignment(string agentId, Guid offerId);

    /// <summary>Wakes the item: a queued item makes sure its queue has it, an offered one checks its expiry.</summary>
    [Alias("Poke")]
    Task Poke();
}
