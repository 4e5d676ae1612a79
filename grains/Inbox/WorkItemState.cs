using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The stored state of a work item grain.</summary>
[GenerateSerializer, Alias("Kasse.Grains.Inbox.WorkItemState")]
public sealed class WorkItemState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public WorkChannel Channel { get; set; }
    [Id(2)] public string? CustomerKey { get; set; }
    [Id(3)] public string Topic { get; set; } = "";
    [Id(4)] public List<string> RequiredSkills { get; set; } = [];
    [Id(5)] public string? Team { get; set; }
    [Id(6)] public int Priority { get; set; }
    [Id(7)] public DateTimeOffset SlaDeadline { get; set; }
    [Id(8)] public WorkItemStatus Status { get; set; }
    [Id(9)] public string Queue { get; set; } = "";
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public string? Reference { get; set; }

    /// <summary>The live offer, when <see cref="Status"/> is <see cref="WorkItemStatus.Offered"/>.</summary>
    [Id(12)] public PendingOffer? Offer { get; set; }

    /// <summary>The assigned agent (or the last one, once done), the offer they accepted and its weight.</summary>
    [Id(13)] public string? AgentId { get; set; }
    [Id(14)] public Guid? AssignedOfferId { get; set; }
    [Id(15)] public int AssignedWeight { get; set; }

    /// <summary>Agents who declined or let an offer of this item expire; offered again only when nobody else could take it.</summary>
    [Id(16)] public List<string> DeclinedBy { get; set; } = [];

    /// <summary>Message-IDs of the messages threaded in, so a redelivered mail is not added twice.</summary>
    [Id(17)] public List<string> MessageIds { get; set; } = [];
    [Id(18)] public int MessageCount { get; set; }

    /// <summary>The seq the next history event gets.</summary>
    [Id(19)] public int NextSeq { get; set; } = 1;

    /// <summary>
    /// Events stored with the state they describe and not yet confirmed in the history: a new activation appends them
    /// again (idempotent) before it does anything else, so the history never misses a transition that happened.
    /// </summary>
    [Id(20)] public List<WorkItemEvent> Outbox { get; set; } = [];

    /// <summary>The conversation of a chat item, and the insured who started it.</summary>
    [Id(30)] public Guid? ConversationId { get; set; }
    [Id(31)] public string? InsuredUserId { get; set; }

    /// <summary>
    /// The route: ordered targets (<see cref="RoutingTarget"/>); the item waits at <see cref="TargetIndex"/> until
    /// <see cref="TargetUntil"/>, then moves on. Empty for items created before routes existed (they wait in <see cref="Queue"/>).
    /// </summary>
    [Id(40)] public List<RoutingTarget> Targets { get; set; } = [];
    [Id(41)] public int TargetIndex { get; set; }
    [Id(42)] public DateTimeOffset? TargetUntil { get; set; }

    /// <summary>The status to return to when taken off hold.</summary>
    [Id(43)] public WorkItemStatus StatusBeforeHold { get; set; }

    /// <summary>The SLA warning was recorded; the SLA deadline passed and the item was escalated.</summary>
    [Id(44)] public bool SlaWarned { get; set; }
    [Id(45)] public bool Escalated { get; set; }

    /// <summary>The version of the routing document that chose <see cref="Targets"/> (null: the built-in route).</summary>
    [Id(46)] public int? RoutingVersion { get; set; }

    /// <summary>The required skills as created; a target with its own skills overrides <see cref="RequiredSkills"/> only while the item waits there.</summary>
    [Id(47)] public List<string> CreatedSkills { get; set; } = [];

    /// <summary>When the running SLA started, if not at creation (a reply reopened the item).</summary>
    [Id(48)] public DateTimeOffset? SlaStartedAt { get; set; }

    /// <summary>The agent the current target reserves the item for, if any.</summary>
    public string? ReservedFor => TargetIndex < Targets.Count ? Targets[TargetIndex].AgentId : null;

    /// <summary>The insured waiting for this item (a chat), told their position by the queue; null for other items.</summary>
    public PositionWatcher? Watcher => InsuredUserId is { Length: > 0 } insured && ConversationId is { } conversation
        ? new PositionWatcher(insured, conversation)
        : null;
}
