using Kasse.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>The rejected rows of imports (<c>dwh_import_rejections</c>), insert-only; a row stored twice stays once.</summary>
public interface IDwhRejectionStore
{
    Task AddAsync(Guid importId, IReadOnlyList<DwhRejectedRow> rejections, CancellationToken cancellationToken = default);

    /// <summary>The rejections of an import in row order (then column order), paged.</summary>
    Task<IReadOnlyList<DwhRejectedRow>> ReadAsync(Guid importId, int offset, int max, CancellationToken cancellationToken = default);
}
