using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The active catalogue on this silo, compiled once per version and refreshed from <see cref="IOfferCatalogGrain"/>
/// at most every <see cref="RefreshInterval"/> (a decision never waits for the refresh, except the very first).
/// </summary>
public sealed class ActiveOfferCatalog(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _firstLoad = new(1, 1);
    private CompiledOfferCatalog? _current;
    private long _refreshedAt;
    private int _refreshing;

    public async ValueTask<CompiledOfferCatalog> GetAsync()
    {
        var current = _current;
        if (current is null)
            return await FirstLoadAsync();
        if (clock.GetElapsedTime(Interlocked.Read(ref _refreshedAt)) > RefreshInterval && Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = Task.Run(RefreshAsync);
        return current;
    }

    private async Task<CompiledOfferCatalog> FirstLoadAsync()
    {
        await _firstLoad.WaitAsync();
        try
        {
            if (_current is null)
                await LoadAsync();
            return _current!;
        }
        finally
        {
            _firstLoad.Release();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep deciding with the version held; the next decision tries again.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task LoadAsync()
    {
        var version = await grains.GetGrain<IOfferCatalogGrain>(0).GetActive();
        if (_current?.Version.Version != version.Version)
            _current = CompiledOfferCatalog.Compile(version);
        Interlocked.Exchange(ref _refreshedAt, clock.GetTimestamp());
    }
}
