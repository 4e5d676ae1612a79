using Kasse.Campaigns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// Keeps this silo's <see cref="ContactPolicyCache"/> current by asking the policy grain twice a second. Polling cannot
/// lose a publication, and a silo that starts later loads the active version on its first round.
/// </summary>
public sealed partial class ContactPolicyWatcher(
    IGrainFactory grains, ContactPolicyCache cache, IHostApplicationLifetime lifetime, ILogger<ContactPolicyWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(RefreshInterval);
        do
        {
            try
            {
                cache.Offer(await grains.GetGrain<IContactPolicyGrain>(0).GetActive());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the active contact policy failed; retrying on the next round")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
