namespace Kasse.Inbox;

/// <summary>
/// How much work an agent holds at once: a budget of units, and what one item of each channel costs. The default
/// (budget 12; chat 4, e-mail 2, form case 2, workflow item 2, callback 12, phone 12) allows 3 chats, or 1 chat and
/// 4 e-mails, or 6 e-mails, or one call alone. A channel without a weight is one the agent does not handle. Offers
/// count against the budget as much as assignments do: an offer is a reservation.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.AgentCapacity")]
public sealed record AgentCapacity(
    [property: Id(0)] int Budget,
    [property: Id(1)] IReadOnlyDictionary<WorkChannel, int> Weights)
{
    /// <summary>
    /// A new object each time: it is the default of a desk's stored state, and storage fills a state's defaults in
    /// place (a shared instance took on the first loaded job's counts in the imports, see <c>DwhImportCounts.Zero</c>).
    /// </summary>
    public static AgentCapacity Default => new(12, new Dictionary<WorkChannel, int>
    {
        [WorkChannel.Chat] = 4,
        [WorkChannel.Email] = 2,
        [WorkChannel.FormCase] = 2,
        [WorkChannel.WorkflowItem] = 2,
        [WorkChannel.Callback] = 12,
        [WorkChannel.Phone] = 12,
    });

    /// <summary>The cost of one item of <paramref name="channel"/>; null when the agent does not handle the channel.</summary>
    public int? WeightOf(WorkChannel channel) => Weights.TryGetValue(channel, out var weight) && weight > 0 ? weight : null;
}
