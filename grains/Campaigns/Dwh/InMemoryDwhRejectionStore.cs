using Kasse.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Rejected rows in memory (the embedded default and the tests).</summary>
public sealed class InMemoryDwhRejectionStore : IDwhRejectionStore
{
    private readonly Dictionary<Guid, List<DwhRejectedRow>> _rows = [];
    private readonly Lock _sync = new();

    public Task AddAsync(Guid importId, IReadOnlyList<DwhRejectedRow> rejections, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_rows.TryGetValue(importId, out var list))
                _rows[importId] = list = [];
            foreach (var rejection in rejections)
            {
                if (!list.Contains(rejection))
                    list.Add(rejection);
            }
            // Stable: equal row numbers keep their column order.
            var sorted = list.OrderBy(r => r.RowNumber).ToList();
            list.Clear();
            list.AddRange(sorted);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DwhRejectedRow>> ReadAsync(Guid importId, int offset, int max, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<DwhRejectedRow> page = _rows.TryGetValue(importId, out var list) ? list.Skip(offset).Take(max).ToList() : [];
            return Task.FromResult(page);
        }
    }
}
