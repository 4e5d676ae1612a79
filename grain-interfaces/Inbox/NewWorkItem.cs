namespace Kasse.Inbox;

/// <summary>
/// What intake knows about a new work item. The customer is the pseudonymous key of their grain
/// (<see cref="Customers.CustomerPseudonyms"/>), never a KVNR. Priority (1 = most urgent) and the SLA deadline may be
/// given; otherwise the <c>routing.priority</c> rule set and the channel's defaults decide. A chat item names its
/// conversation and the insured's user id (the token subject, so grains can reach the insured's connections).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.NewWorkItem")]
public sealed record NewWorkItem(
    [property: Id(0)] WorkChannel Channel,
    [property: Id(1)] string? CustomerKey,
    [property: Id(2)] string Topic,
    [property: Id(3)] IReadOnlyList<string> RequiredSkills,
    [property: Id(4)] string? Team = null,
    [property: Id(5)] int? Priority = null,
    [property: Id(6)] DateTimeOffset? SlaDeadline = null,
    [property: Id(7)] bool IsComplaint = false,
    [property: Id(8)] int? CustomerAge = null,
    [property: Id(9)] WorkItemMessage? FirstMessage = null,
    [property: Id(10)] string? Reference = null,
    [property: Id(30)] Guid? ConversationId = null,
    [property: Id(31)] string? InsuredUserId = null);
