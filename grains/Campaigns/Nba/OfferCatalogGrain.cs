using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The offer catalogue (key 0), the single writer of <c>offer_catalog_versions</c>. On first activation of a new
/// installation it publishes the demo catalogue as version 1.
/// </summary>
public sealed class OfferCatalogGrain(IOfferCatalogStore store, TimeProvider clock) : Grain, IOfferCatalogGrain
{
    public const int ListedVersions = 50;

    private OfferCatalogVersion? _active;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var newest = await store.ReadNewestAsync(1);
        if (newest.Count > 0)
        {
            _active = newest[0];
            return;
        }
        var first = new OfferCatalogVersion(1, DemoOfferCatalog.Document, clock.GetUtcNow(), "system");
        await store.AppendAsync(first);
        _active = (await store.ReadNewestAsync(1))[0];
    }

    public Task<OfferCatalogVersion> GetActive() => Task.FromResult(_active!);

    public async Task<OfferCatalogVersion> Publish(OfferCatalogDocument document, string by)
    {
        var errors = CompiledOfferCatalog.Validate(document);
        if (errors.Count > 0)
            throw new CampaignException(CampaignErrors.OfferInvalid, string.Join("; ", errors));
        var next = new OfferCatalogVersion(_active!.Version + 1, document, clock.GetUtcNow(), by);
        if (!await store.AppendAsync(next))
            throw new CampaignException(CampaignErrors.OfferInvalid, $"version {next.Version} exists already; reload and publish again");
        _active = next;
        return next;
    }

    public Task<IReadOnlyList<OfferCatalogVersion>> ListVersions() => store.ReadNewestAsync(ListedVersions);
}
