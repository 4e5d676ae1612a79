using System.Collections.Concurrent;
using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>Campaign contacts in memory (embedded default and tests without PostgreSQL).</summary>
public sealed class InMemoryCampaignContactStore : ICampaignContactStore
{
    private readonly ConcurrentDictionary<(Guid, string), CampaignContactRecord> _rows = new();

    public IReadOnlyCollection<CampaignContactRecord> All => _rows.Values.ToList();

    public Task AddAsync(IReadOnlyList<CampaignContactRecord> rows, CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
            _rows.TryAdd((row.RunId, row.CustomerKey), row);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, ContactChannel?>> ExistingAsync(Guid runId, IReadOnlyList<string> customerKeys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, ContactChannel?>(StringComparer.Ordinal);
        foreach (var key in customerKeys)
        {
            if (_rows.TryGetValue((runId, key), out var row))
                found[key] = row.Channel;
        }
        return Task.FromResult<IReadOnlyDictionary<string, ContactChannel?>>(found);
    }

    public Task<CampaignContactRecord?> FindAsync(Guid runId, string customerKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault((runId, customerKey)));

    public Task<IReadOnlyList<CampaignContactRecord>> ReadChannelPageAsync(
        Guid runId, ContactChannel channel, string? afterKey, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignContactRecord>>(_rows.Values
            .Where(r => r.RunId == runId && !r.Control && r.Channel == channel && (afterKey is null || string.CompareOrdinal(r.CustomerKey, afterKey) > 0))
            .OrderBy(r => r.CustomerKey, StringComparer.Ordinal)
            .Take(max)
            .ToList());
}
