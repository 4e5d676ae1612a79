using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The catalogue versions (<c>offer_catalog_versions</c>, append-only), written only by the catalogue grain.</summary>
public interface IOfferCatalogStore
{
    /// <summary>False when this version number exists already.</summary>
    Task<bool> AppendAsync(OfferCatalogVersion version);

    /// <summary>The newest versions, newest first.</summary>
    Task<IReadOnlyList<OfferCatalogVersion>> ReadNewestAsync(int max);
}

/// <summary>The catalogue versions in memory (embedded default).</summary>
public sealed class InMemoryOfferCatalogStore : IOfferCatalogStore
{
    private readonly List<OfferCatalogVersion> _versions = [];
    private readonly Lock _lock = new();

    public Task<bool> AppendAsync(OfferCatalogVersion version)
    {
        lock (_lock)
        {
            if (_versions.Any(v => v.Version == version.Version))
                return Task.FromResult(false);
            _versions.Add(version);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OfferCatalogVersion>> ReadNewestAsync(int max)
    {
        lock (_lock)
        {
            IReadOnlyList<OfferCatalogVersion> newest = _versions.OrderByDescending(v => v.Version).Take(max).ToList();
            return Task.FromResult(newest);
        }
    }
}
