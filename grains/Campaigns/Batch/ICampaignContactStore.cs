using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// <c>campaign_contacts</c>: append-only, written only by campaign grains, one row per run and customer (a second write
/// of the same row is a no-op, so a replayed page contacts nobody twice). The outputs and the success figures read it.
/// </summary>
public interface ICampaignContactStore
{
    Task AddAsync(IReadOnlyList<CampaignContactRecord> rows, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="customerKeys"/> the run has a row for already, with the row's channel (null: control).</summary>
    Task<IReadOnlyDictionary<string, ContactChannel?>> ExistingAsync(Guid runId, IReadOnlyList<string> customerKeys, CancellationToken cancellationToken = default);

    Task<CampaignContactRecord?> FindAsync(Guid runId, string customerKey, CancellationToken cancellationToken = default);

    /// <summary>The run's contacted rows on <paramref name="channel"/> (no control rows), in customer-key order after <paramref name="afterKey"/>.</summary>
    Task<IReadOnlyList<CampaignContactRecord>> ReadChannelPageAsync(
        Guid runId, ContactChannel channel, string? afterKey, int max, CancellationToken cancellationToken = default);
}
