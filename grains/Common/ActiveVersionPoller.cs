using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Common;

/// <summary>
/// Keeps a silo-local copy of something versioned in one grain (the active rule sets, the active contact policy)
/// current by asking for it at a fixed interval once the host has started. Polling cannot lose a publication, and a
/// silo that starts later loads the active version on its first round; a failed round is logged and retried.
/// </summary>
public abstract partial class ActiveVersionPoller(IHostApplicationLifetime lifetime, TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>One round: fetch the active version and hand it to the silo's cache.</summary>
    protected abstract Task RefreshAsync(CancellationToken stoppingToken);

    /// <summary>What the log says a failed round was refreshing (no personal data).</summary>
    protected abstract string What { get; }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls before the silo has started would fail; the first round waits for it.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // The silo is leaving (grain calls fail with "shutting down"): nothing to retry, nothing to warn of.
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, What, e);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing {What} failed; retrying on the next round")]
    private static partial void LogRoundFailed(ILogger logger, string what, Exception exception);
}
